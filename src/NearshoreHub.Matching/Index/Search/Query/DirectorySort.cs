using NodaTime;

namespace NearshoreHub.Matching;

public enum DirectorySort { Name, NameDescending, UpdatedAt, UpdatedAtDescending, Rate, RateDescending, Relevance }
