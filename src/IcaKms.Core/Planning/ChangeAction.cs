namespace IcaKms.Core.Planning;

/// <summary>What a planned change does to its resource, as Terraform's plan says it.</summary>
public enum ChangeAction
{
    /// <summary>Makes a resource that does not exist yet.</summary>
    Create,

    /// <summary>Changes a setting or document of a resource that exists.</summary>
    Update,

    /// <summary>Removes a resource (e.g. an old policy version, to make room).</summary>
    Delete,

    /// <summary>Leaves the resource as it is.</summary>
    NoOp,
}
