namespace IcaKms.E2E.Tests.Ica;

/// <summary>
/// An app of its own for the lost-answer tests: its own fake AWS, with one ICA IAM user per test (IAM's two keys per
/// user are then not shared between tests), its own fake ICA, and a 2 s ICA timeout, so a held answer is given up on soon.
/// </summary>
public sealed class LostAnswerApp() : OwnIcaApp(Users, new Dictionary<string, string> { ["IcaKms__IcaTimeout"] = "00:00:02" })
{
    /// <summary>The IAM users, each holding the working policy of the fake account's default user.</summary>
    public static readonly IReadOnlyList<string> Users = ["ica-lost-a", "ica-lost-b", "ica-lost-c"];
}
