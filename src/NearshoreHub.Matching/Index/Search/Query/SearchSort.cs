namespace NearshoreHub.Matching;

/// <summary>The orders of the recruiter search (the API's <c>sort</c>: name, -name, updatedAt, -updatedAt, rate, -rate, relevance).</summary>
public enum SearchSort { Name, NameDescending, UpdatedAt, UpdatedAtDescending, Rate, RateDescending, Relevance }
