using System.Text;
using IcaKms.Core.Ica;
using IcaKms.Core.Policies;
using IcaKms.Core.Applying;
using IcaKms.Core.Bundle;
using IcaKms.Core.Documents;
using IcaKms.Core.Setup;
using IcaKms.Core.Validation;
using IcaKms.Core;

namespace IcaKms.Web.Services;

/// <summary>
/// The wizard's inputs for one circuit (one browser tab), with intent methods that keep the derived
/// validation and documents in step. Components read it and call its methods; Core decides every rule.
/// </summary>
public sealed class WizardInputs
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // The bytes of a policy file the user opened, checked as bytes; null when the policy was pasted.
    private byte[]? _policyFile;

    public WizardInputs() => Apply(Fresh());

    private readonly ChangeSubscriptions _changes = new();

    /// <summary>Re-renders the subscriber after any input changed, until the subscription is disposed.</summary>
    public IDisposable NotifyOnChange(Microsoft.AspNetCore.Components.EventCallback callback) => _changes.Subscribe(callback);

    public SetupInputs Inputs { get; private set; } = new();

    public SetupValidation Validation { get; private set; } = null!;

    public SetupDocuments Documents { get; private set; } = null!;

    /// <summary>A policy the user pasted to have it checked (kept in this circuit's memory only).</summary>
    public string PastedPolicy { get; private set; } = string.Empty;

    /// <summary>Whether <see cref="PastedPolicy"/> is within the box's limit; over it, the text is not checked.</summary>
    public FieldValidation PastedPolicyValidation { get; private set; } = FieldValidation.Ok(string.Empty);

    /// <summary>Why the last policy file was not opened (too large), shown beside the file chooser; null otherwise.</summary>
    public string? PolicyFileError { get; private set; }

    /// <summary>
    /// The summary check of <see cref="PastedPolicy"/>, or null when nothing was pasted or the text is over the limit:
    /// a verdict always describes what is in the box.
    /// </summary>
    public PolicySummary? PastedPolicySummary { get; private set; }

    /// <summary>Why the variant was chosen from the bucket's live versioning, or null when the user chose it.</summary>
    public PolicyVariantChoice? LiveVariantChoice { get; private set; }

    /// <summary>Every check of the review, in step order, with the live checks when there are any.</summary>
    public IReadOnlyList<Core.Checks.SetupCheck> Review(IReadOnlyList<Core.Checks.SetupCheck>? liveChecks = null) =>
        ReviewChecklist.Create(Inputs, Validation, Documents, PastedPolicySummary, liveChecks);

    /// <summary>The name of the zip with every document.</summary>
    /// <summary>
    /// The AWS CLI commands for the current inputs (the plan panels' offline view), built once per change of the inputs
    /// however often and by however many panels it is read: a keystroke re-renders them all.
    /// </summary>
    public Core.Planning.OfflineSetup OfflineScript => _offlineScript ??= Core.Planning.OfflineSetup.For(Inputs, Validation);

    private Core.Planning.OfflineSetup? _offlineScript;

    public string BundleFileName => Documents.BundleFileName;

    /// <summary>
    /// The zip with every document, a README (recording the live checks, when there are any) and the setup as Terraform and
    /// CloudFormation (made from the live state when <paramref name="liveExport"/> is given).
    /// </summary>
    public byte[] CreateBundle(
        IReadOnlyList<Core.Checks.SetupCheck>? liveChecks = null, IReadOnlyList<AppliedChange>? appliedChanges = null, Core.Export.ExportSubject? liveExport = null) =>
        Core.Export.ExportBundle.CreateZip(Documents.Content with { LiveChecks = liveChecks, AppliedChanges = appliedChanges }, liveExport);

    /// <summary>The ICA region matching the chosen AWS region.</summary>
    public IcaRegion Region => IcaRegions.FindByAwsRegion(Inputs.AwsRegion) ?? IcaRegions.All[0];

    /// <summary>ICA's confirmed cross-account role for the chosen region, or null when the user must paste it.</summary>
    public string? ConfirmedRoleArn => Region.CrossAccountRoleArn;

    /// <summary>
    /// Chooses the ICA region. A region with a confirmed cross-account role gets that role, whatever was there (each
    /// region has its own role); a region without one keeps a role the user pasted, but drops another region's
    /// confirmed role, which ICA would never use here.
    /// </summary>
    public void SetRegion(string awsRegion)
    {
        string confirmed = SuggestedRole(awsRegion);
        string role = Inputs.CrossAccountRoleArn;
        bool roleIsConfirmedElsewhere = IcaRegions.All.Any(r => string.Equals(r.CrossAccountRoleArn, role.Trim(), StringComparison.Ordinal));
        Update(Inputs with
        {
            AwsRegion = awsRegion,
            CrossAccountRoleArn = confirmed.Length > 0 ? confirmed : roleIsConfirmedElsewhere ? string.Empty : role,
        });
    }

    public void SetBucketName(string value) => Update(Inputs with { BucketName = value });

    public void SetKeyArn(string value) => Update(Inputs with { KeyArn = value });

    public void SetKeyPrefix(string value) => Update(Inputs with { KeyPrefix = value });

    public void SetVariant(PolicyVariant value)
    {
        if (LiveVariantChoice is not null && LiveVariantChoice.Variant != value)
        {
            LiveVariantChoice = null;
        }

        Update(Inputs with { Variant = value });
    }

    /// <summary>Picks the variant the bucket's live versioning status calls for, keeping the reason to show.</summary>
    public void ApplyLiveVersioning(string? versioningStatus)
    {
        LiveVariantChoice = PolicyVariantChoice.For(versioningStatus);
        Update(Inputs with { Variant = LiveVariantChoice.Variant });
        Notify();
    }

    /// <summary>Forgets why the variant was picked from the live bucket (after Disconnect): the variant itself stays.</summary>
    public void ForgetLiveVersioning()
    {
        if (LiveVariantChoice is null)
        {
            return;
        }

        LiveVariantChoice = null;
        Notify();
    }

    public void SetIamUserName(string value) => Update(Inputs with { IamUserName = value });

    public void SetPolicyArn(string value) => Update(Inputs with { PolicyArn = value });

    public void SetScopeObjectsToPrefix(bool value) => Update(Inputs with { ScopeObjectsToPrefix = value });

    public void SetConfigurationName(string value) => Update(Inputs with { ConfigurationName = value });

    public void SetDescription(string value) => Update(Inputs with { Description = value });

    public void SetCrossAccountCopy(bool value) => Update(Inputs with { CrossAccountCopy = value });

    public void SetCrossAccountRoleArn(string value) => Update(Inputs with { CrossAccountRoleArn = value });

    public void SetPastedPolicy(string value)
    {
        PastedPolicy = value ?? string.Empty;
        _policyFile = null;
        PolicyFileError = null;
        Apply(Inputs);
        Notify();
    }

    /// <summary>
    /// Checks a policy file as it is, bytes and all (a file that is not UTF-8 text gets its own message), and shows
    /// its text in the paste box when it is text. A file over the box's limit is refused like <see cref="RefusePolicyFile"/>.
    /// </summary>
    public void LoadPolicyFile(byte[] content, string fileName = "The file")
    {
        ArgumentNullException.ThrowIfNull(content);
        string text;
        try
        {
            text = StrictUtf8.GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
        }

        if (PolicyDocumentRule.Validate(text).Error is string tooLong)
        {
            Refuse($"{fileName} was not opened. {tooLong}");
            return;
        }

        _policyFile = content;
        PolicyFileError = null;
        PastedPolicy = text;
        Apply(Inputs);
        Notify();
    }

    /// <summary>
    /// A policy file too large to read: the box and its verdict are cleared (they would describe something else)
    /// and the reason is kept for the file chooser.
    /// </summary>
    public void RefusePolicyFile(string fileName, long size) => Refuse(PolicyDocumentRule.FileTooLarge(fileName, size));

    /// <summary>Replaces every input, e.g. with what the browser kept from an earlier visit.</summary>
    public void Restore(SetupInputs inputs) => Update(inputs);

    /// <summary>Forgets every input ("Start over").</summary>
    public void Reset()
    {
        PastedPolicy = string.Empty;
        _policyFile = null;
        PolicyFileError = null;
        LiveVariantChoice = null;
        Apply(Fresh());
        Notify();
    }

    private void Refuse(string reason)
    {
        PastedPolicy = string.Empty;
        _policyFile = null;
        PolicyFileError = reason;
        Apply(Inputs);
        Notify();
    }

    // New inputs, with ICA's confirmed cross-account role for the default region filled in.
    private static SetupInputs Fresh()
    {
        var inputs = new SetupInputs();
        return inputs with { CrossAccountRoleArn = SuggestedRole(inputs.AwsRegion) };
    }

    private static string SuggestedRole(string awsRegion) =>
        IcaRegions.FindByAwsRegion(awsRegion)?.CrossAccountRoleArn ?? string.Empty;

    // The intents are synchronous (value bindings call them); the subscribers' re-renders run on the circuit's
    // dispatcher, where every intent is called, and complete synchronously.
    private void Notify() => _ = _changes.NotifyAsync();

    private void Update(SetupInputs inputs)
    {
        if (inputs == Inputs && Documents is not null)
        {
            return;
        }

        Apply(inputs);
        Notify();
    }

    private void Apply(SetupInputs inputs)
    {
        Inputs = inputs;
        Validation = SetupValidation.Of(inputs);
        _offlineScript = null;
        Documents = SetupDocuments.Create(inputs, Validation);
        PastedPolicyValidation = PolicyDocumentRule.Validate(PastedPolicy);
        PastedPolicySummary = _policyFile is not null
            ? PolicySummaryCheck.Check(_policyFile, inputs.Variant, Documents.BucketName, Documents.KeyArn)
            : string.IsNullOrWhiteSpace(PastedPolicy) || !PastedPolicyValidation.IsValid
                ? null
                : PolicySummaryCheck.Check(PastedPolicy, inputs.Variant, Documents.BucketName, Documents.KeyArn);
    }
}
