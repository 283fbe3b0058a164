namespace IcaKms.Core.Planning.Rotation;

/// <summary>The words a rotation's changes share.</summary>
internal static class RotationMessages
{
    /// <summary>Every rotation step reads or writes IAM with the admin's AWS session.</summary>
    public const string ConnectAws = "Connect to AWS (at the top) first: a rotation reads and writes the IAM user's keys with your AWS session.";
}
