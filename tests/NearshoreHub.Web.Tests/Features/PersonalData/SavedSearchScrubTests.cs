using NearshoreHub.Web.Features.PersonalData;

namespace NearshoreHub.Web.Tests.Features.PersonalData;

/// <summary>How a stored saved-search query and name lose a person's name and email, without a database.</summary>
public sealed class SavedSearchScrubTests
{
    private static readonly PersonMentions Person = new(new PersonalIdentifiers(Guid.NewGuid(), "João Araújo", "joao.araujo@example.com"));

    [Theory]
    [InlineData("q=Jo%C3%A3o%20Ara%C3%BAjo&country=BR", "country=BR")]
    [InlineData("q=joao+araujo", "")]
    [InlineData("q=Joa%CC%83o%20%20Arau%CC%81jo%20react", "q=react")] // decomposed accents, two spaces
    [InlineData("q=react%20NOT%20%22JO%C3%83O%20ARA%C3%9AJO%22%20node", "q=react%20node")]
    [InlineData("q=-Jo%C3%A3o%20Ara%C3%BAjo%20react", "q=react")]
    [InlineData("q=JOAO.ARAUJO%40EXAMPLE.COM%20senior&minEnglish=B2", "q=senior&minEnglish=B2")]
    [InlineData("q=%22Jo%C3%A3o%20Ara%C3%BAjo%20lead%22", "q=%22%20lead%22")]
    public void A_query_naming_the_person_keeps_everything_else(string stored, string expected) =>
        Assert.Equal(expected, SavedSearchScrub.ScrubQuery(stored, Person));

    [Theory]
    [InlineData("q=Jo%C3%A3o%20Ara%C3%BAjos")]
    [InlineData("q=Jo%C3%A3o&country=BR&country=MX")]
    [InlineData("q=full-stack&skills=C%23")]
    [InlineData("")]
    public void A_query_not_naming_the_person_comes_back_unchanged(string stored) =>
        Assert.Same(stored, SavedSearchScrub.ScrubQuery(stored, Person));

    [Theory]
    [InlineData("Follow up with joão araújo", "Follow up with Erased professional")]
    [InlineData("Ask joao.araujo@example.com", "Ask Erased professional")]
    [InlineData("Ana in Brazil", "Ana in Brazil")]
    public void A_name_naming_the_person_says_erased_professional(string name, string expected) =>
        Assert.Equal(expected, SavedSearchScrub.ScrubName(name, Person));

    [Fact]
    public void A_scrubbed_name_stays_within_the_names_length() =>
        Assert.Equal(100, SavedSearchScrub.ScrubName(new string('x', 90) + " João Araújo", Person).Length);
}
