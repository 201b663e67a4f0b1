using Microsoft.EntityFrameworkCore;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Features.DemoData;

/// <summary>US client companies with open projects whose skills, hours and budgets look like real requests.</summary>
internal static class DemoDataCompanies
{
    private static readonly (string Name, string Zone)[] Names =
    [
        ("Brightline Health Partners", "America/New_York"),
        ("Cobalt Ridge Logistics", "America/Chicago"),
        ("Summit Peak Software", "America/Denver"),
        ("Pacific Harbor Analytics", "America/Los_Angeles"),
        ("Granite State Insurance Group", "America/New_York"),
        ("Lakeshore Retail Systems", "America/Chicago"),
        ("Red Rock Fintech", "America/Denver"),
        ("Golden Gate Learning", "America/Los_Angeles"),
        ("Hudson Yard Media", "America/New_York"),
        ("Prairie Wind Energy", "America/Chicago"),
        ("Aspen Trail Outfitters", "America/Denver"),
        ("Redwood Clinical Labs", "America/Los_Angeles"),
        ("Beacon Hill Capital", "America/New_York"),
        ("Lone Star Freight Tech", "America/Chicago"),
        ("Front Range Robotics", "America/Denver"),
        ("Silver Lake Studios", "America/Los_Angeles"),
        ("Chesapeake Marine Data", "America/New_York"),
        ("Twin Cities Payments", "America/Chicago"),
        ("Wasatch Cloud Works", "America/Denver"),
        ("Cascadia Travel Co.", "America/Los_Angeles"),
    ];

    private static readonly Dictionary<string, string[]> TitlesByRole = new(StringComparer.Ordinal)
    {
        ["frontend"] = ["Frontend engineer for the customer portal", "React developer for the booking web app"],
        ["fullstack-js"] = ["Full-stack engineer for the merchant dashboard", "Node.js and React developer for internal tools"],
        ["backend-java"] = ["Java backend engineer for claims processing", "Spring Boot developer for the payments platform"],
        ["dotnet"] = [".NET engineer to modernise the policy system", "C# developer for the scheduling API"],
        ["python-backend"] = ["Python backend developer for the pricing service", "Django developer for the patient intake app"],
        ["php"] = ["Laravel developer for the e-commerce storefront"],
        ["mobile"] = ["Mobile developer for the iOS and Android field app", "React Native developer for the member app"],
        ["qa-automation"] = ["QA automation engineer for release pipelines", "Test automation engineer for the checkout flow"],
        ["devops"] = ["DevOps engineer for the AWS migration", "Platform engineer for Kubernetes and Terraform"],
        ["data-engineer"] = ["Data engineer for the analytics warehouse", "Airflow and Spark engineer for nightly pipelines"],
        ["data-scientist"] = ["Data scientist for demand forecasting", "Machine-learning engineer for fraud scoring"],
        ["data-analyst"] = ["Data analyst for sales reporting", "BI analyst for operations dashboards"],
        ["ux-designer"] = ["Product designer for the onboarding redesign"],
        ["salesforce"] = ["Salesforce developer for the service cloud rollout"],
        ["node-backend"] = ["Backend engineer for the real-time tracking API"],
        ["product-manager"] = ["Product manager for the partner platform"],
    };

    private static readonly (int Start, int End)[] CoreHours = [(9, 17), (9, 17), (9, 17), (8, 16), (10, 18), (10, 16)];

    /// <summary>Adds <paramref name="count"/> companies with 1–3 open projects each; returns how many projects.</summary>
    public static async Task<int> AddAsync(NearshoreDbContext db, DemoDataReference reference, int count, int seed, DateTimeOffset now, CancellationToken ct)
    {
        if (count == 0)
        {
            return 0;
        }

        var random = new Random(seed);
        var taken = (await db.Companies.AsNoTracking().Select(c => c.Name).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var projects = 0;
        for (var i = 0; i < count; i++)
        {
            var (name, zone) = NextName(taken, random);
            var company = new Company { Id = Guid.CreateVersion7(), Name = name, TimeZone = zone, CreatedAt = now };
            db.Companies.Add(company);
            var projectCount = random.Next(1, 4);
            var titles = new HashSet<string>(StringComparer.Ordinal);
            for (var p = 0; p < projectCount; p++)
            {
                // A company rarely posts the same opening twice at once: redraw a few times before accepting a repeat.
                var project = MakeProject(company, reference, random, today, now);
                for (var attempt = 0; attempt < 5 && !titles.Add(project.Title); attempt++)
                {
                    project = MakeProject(company, reference, random, today, now);
                }

                db.Projects.Add(project);
                projects++;
            }
        }

        await db.SaveChangesAsync(ct);
        return projects;
    }

    private static (string Name, string Zone) NextName(HashSet<string> taken, Random random)
    {
        var free = Names.Where(n => !taken.Contains(n.Name)).ToArray();
        if (free.Length > 0)
        {
            var pick = free[random.Next(free.Length)];
            taken.Add(pick.Name);
            return pick;
        }

        // Every listed name is in use: number further offices so names stay distinguishable.
        for (var n = 2; ; n++)
        {
            var (baseName, zone) = Names[random.Next(Names.Length)];
            var name = $"{baseName} {n}";
            if (taken.Add(name))
            {
                return (name, zone);
            }
        }
    }

    private static Project MakeProject(Company company, DemoDataReference reference, Random random, DateOnly today, DateTimeOffset now)
    {
        var role = reference.Roles[DemoDataReference.Pick(reference.RoleCumulative, random)];
        var seniority = random.Next(100) switch { < 15 => 0, < 50 => 1, < 90 => 2, _ => 3 };
        var (start, end) = CoreHours[random.Next(CoreHours.Length)];
        var (rateMin, rateMax) = role.RateBySeniority[seniority];
        var titles = TitlesByRole.GetValueOrDefault(role.Id) ?? [role.Name];
        var project = new Project
        {
            Id = Guid.CreateVersion7(),
            CompanyId = company.Id,
            Title = titles[random.Next(titles.Length)],
            Description = $"{company.Name} is hiring a {role.Headlines[seniority].Split(" · ")[0].ToLowerInvariant()} to join a US-based team. " +
                $"Core hours are {start:00}:00–{end:00}:00 {company.TimeZone}, Monday to Friday.",
            TimeZone = company.TimeZone,
            CoreStart = new TimeOnly(start, 0),
            CoreEnd = new TimeOnly(end, 0),
            WorkDays = 31,
            MinOverlapHours = random.Next(3, 7),
            StartDate = today.AddDays(random.Next(14, 121)),
            DurationWeeks = new[] { 12, 16, 24, 26, 36, 52 }[random.Next(6)],
            MinEnglishLevel = random.Next(100) switch { < 20 => null, < 75 => EnglishLevel.B2, _ => EnglishLevel.C1 },
            BudgetMinUsd = rateMin,
            // Clients usually budget a little above the going rate for the level they ask for.
            BudgetMaxUsd = rateMax + random.Next(0, 3) * 5,
            Seniority = (Seniority)(seniority + 1),
            Headcount = random.Next(100) < 70 ? 1 : random.Next(2, 4),
            Status = ProjectStatus.Open,
            CreatedAt = now,
            UpdatedAt = now,
        };

        // A project asks for its role's core skills (mostly required) plus a few optional extras, some of them
        // rare in the pool, so rankings show both strong matches and partial ones.
        var wanted = random.Next(3, 9);
        var chosen = new List<(DemoSkill Skill, bool Required)>();
        foreach (var skill in role.Core.OrderBy(_ => random.Next()).Take(Math.Min(wanted, random.Next(2, 5))))
        {
            chosen.Add((skill, true));
        }

        var common = role.Optional.Where(s => s.Probability >= 0.3).OrderBy(_ => random.Next());
        var rare = role.Optional.Where(s => s.Probability < 0.3).OrderBy(_ => random.Next());
        foreach (var skill in common.Take(2).Concat(rare.Take(2)).Concat(common.Skip(2)).Concat(rare.Skip(2)))
        {
            if (chosen.Count >= wanted)
            {
                break;
            }

            if (chosen.All(c => c.Skill.Id != skill.Id))
            {
                // A rare skill is occasionally a hard requirement: the hardest searches to fill.
                chosen.Add((skill, skill.Probability < 0.3 && random.Next(100) < 20));
            }
        }

        for (var i = 0; i < chosen.Count; i++)
        {
            var (skill, required) = chosen[i];
            project.Skills.Add(new ProjectSkill
            {
                ProjectId = project.Id,
                SkillId = skill.Id,
                Required = required,
                MinLevel = (short)Math.Clamp(seniority + (required ? 2 : 1), 1, 5),
                Weight = required ? 1 + random.Next(0, 3) * 0.5 : 0.5 + random.Next(0, 2) * 0.25,
                Position = i,
            });
        }

        return project;
    }
}
