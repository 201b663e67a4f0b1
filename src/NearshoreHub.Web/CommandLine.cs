using NearshoreHub.Web.Data;

namespace NearshoreHub.Web;

/// <summary>
/// The executable serves by default and also takes commands: `migrate` (apply migrations and exit) and
/// `seed --professionals N [--companies M]` (add demo data and exit).
/// </summary>
internal sealed record CommandLine(string? Command, string[] HostArgs, int Professionals, int Companies)
{
    public static CommandLine Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return new CommandLine(null, args, 0, 0);
        }

        var command = args[0];
        if (command is not ("migrate" or "seed"))
        {
            throw new ArgumentException($"Unknown command '{command}'. Commands: migrate, seed --professionals N [--companies M].");
        }

        var rest = args[1..];
        int professionals = 0, companies = 5;
        var host = new List<string>();
        for (var i = 0; i < rest.Length; i++)
        {
            switch (rest[i])
            {
                case "--professionals" when i + 1 < rest.Length:
                    professionals = ParseCount(rest[++i], "--professionals");
                    break;
                case "--companies" when i + 1 < rest.Length:
                    companies = ParseCount(rest[++i], "--companies");
                    break;
                default:
                    host.Add(rest[i]);
                    break;
            }
        }

        return new CommandLine(command, host.ToArray(), professionals, companies);
    }

    private static int ParseCount(string value, string name) =>
        int.TryParse(value.Replace("_", "", StringComparison.Ordinal), out var n) && n >= 0
            ? n
            : throw new ArgumentException($"{name} needs a non-negative whole number, not '{value}'.");

    /// <summary>Runs the command, if any; returns true when the process should exit afterwards.</summary>
    public async Task<bool> RunAsync(WebApplication app)
    {
        switch (Command)
        {
            case null:
                return false;
            case "migrate":
                await DatabaseInitializer.InitializeAsync(app.Services);
                Console.WriteLine("Migrations applied.");
                return true;
            default:
                await DatabaseInitializer.InitializeAsync(app.Services);
                await Features.DemoData.DemoDataSeeder.RunAsync(app.Services, Professionals, Companies, CancellationToken.None);
                return true;
        }
    }
}
