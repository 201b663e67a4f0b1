using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Matching;

/// <summary>
/// Another app instance on an EXISTING database (that of a <see cref="NearshoreApiFactory"/>): its own ranking
/// index, its own LISTEN connection, nothing shared in process but the database. <paramref name="configure"/> adds
/// the settings a test needs on top (the same ones its first instance has).
/// </summary>
internal sealed class SecondInstanceFactory(string connectionString, Action<IWebHostBuilder>? configure = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", connectionString);
        builder.UseSetting("Bootstrap:AdminEmail", NearshoreApiFactory.AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", NearshoreApiFactory.AdminPassword);
        builder.UseSetting("DemoData:SeedWhenEmpty", "false");
        configure?.Invoke(builder);
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
