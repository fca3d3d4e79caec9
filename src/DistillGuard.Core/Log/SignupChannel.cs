namespace DistillGuard.Core.Log;

/// <summary>How an account signed up (the accounts file's <c>signup_channel</c>).</summary>
public enum SignupChannel
{
    Unknown = 0,
    Standard,
    Education,
    ResearchProgram,
    StartupProgram,
    Enterprise,
    Reseller,
}
