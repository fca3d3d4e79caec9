namespace DistillGuard.Core.Findings;

/// <summary>Stable machine names of reasons' signals (docs/detection.md explains each).</summary>
public static class SignalNames
{
    public const string SharedPayment = "shared_payment";
    public const string SharedIpBlock = "shared_ip_block";
    public const string SharedClientFingerprint = "shared_client_fingerprint";
    public const string SharedTemplate = "shared_template";
    public const string SharedEmailDomain = "shared_email_domain";
    public const string CreationBurst = "creation_burst";
    public const string SynchronizedActivity = "synchronized_activity";
    public const string TurnTaking = "turn_taking";
    public const string ModelPivot = "model_pivot";
    public const string TemplateConcentration = "template_concentration";
    public const string CotElicitation = "cot_elicitation";
    public const string CapabilityConcentration = "capability_concentration";
    public const string SingleTurn = "single_turn";
    public const string HostingNetwork = "hosting_network";
    public const string NewAccount = "new_account";
    public const string Unverified = "unverified";
    public const string RegularPacing = "regular_pacing";
    public const string AroundTheClock = "around_the_clock";
    public const string OutputHarvesting = "output_harvesting";
    public const string NetworkRotation = "network_rotation";
    public const string IntelMatch = "intel_match";
    public const string BanEvasion = "ban_evasion";
    public const string LinkedAccounts = "linked_accounts";
    public const string Behaviour = "behaviour";

    /// <summary>Not evidence (weight 0): why the evidence listed with it stops at review (<see cref="Engine.ConversationalUse"/>).</summary>
    public const string ConversationalUse = "conversational_use";
}
