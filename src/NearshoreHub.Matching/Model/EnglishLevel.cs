namespace NearshoreHub.Matching;

/// <summary>CEFR English level; the numeric value orders the levels.</summary>
public enum EnglishLevel
{
    A1 = 1,
    A2,
    B1,
    B2,
    C1,
    C2,
}
