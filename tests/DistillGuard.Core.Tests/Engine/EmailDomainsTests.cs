using DistillGuard.Core.Engine;

namespace DistillGuard.Core.Tests.Engine;

public sealed class EmailDomainsTests
{
    [Theory]
    [InlineData("mail51a1.com", "mail51a1.com")]
    [InlineData(" Inbox-1854ED.net. ", "inbox-1854ed.net")]
    [InlineData("tinyco.dev", "tinyco.dev")]
    public void Linkable_AnOperatorsOrACompanysDomain_IsTheDomainInLowerCase(string domain, string expected) =>
        Assert.Equal(expected, EmailDomains.Linkable(domain));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("gmail.com")]
    [InlineData("Outlook.com")]
    [InlineData("proton.me")]
    [InlineData("yahoo.co.jp")]
    [InlineData("stu.toronto00.edu")]
    [InlineData("cs.ox.ac.uk")]
    [InlineData("unimelb.edu.au")]
    public void Linkable_NoDomainAPublicProviderOrASchool_IsNull(string? domain) =>
        Assert.Null(EmailDomains.Linkable(domain));
}
