using System.Security.Cryptography;
using System.Text;

namespace ToolGen.Generator.Schema;

/// <summary>
/// A tool's contract fingerprint: a hash of what a stored call depends on — the tool name, its parameters schema and
/// its result schema, both without descriptions. Descriptions guide the model when it writes a call; they do not
/// change which arguments are valid or what the result looks like, so rewording one keeps stored conversations
/// resumable. A renamed or retyped parameter, a new required one, a changed default, enum, bound or result shape
/// changes it.
/// </summary>
/// <remarks>
/// The text hashed is ordinal, invariant JSON built by the generator, so the fingerprint is the same on every machine,
/// culture and build. Format: <c>tg1-</c> and 24 lowercase hex digits (the first 96 bits of SHA-256).
/// </remarks>
internal static class ContractFingerprint
{
    public const string Prefix = "tg1-";

    public static string Compute(string toolName, string parametersContract, string? outputContract)
    {
        string text = "toolgen-contract-v1\n" + toolName + "\n" + parametersContract + "\n" + (outputContract ?? "text");
        byte[] hash;
        using (SHA256 sha = SHA256.Create()) hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        var fingerprint = new StringBuilder(Prefix, Prefix.Length + 24);
        for (int i = 0; i < 12; i++) fingerprint.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return fingerprint.ToString();
    }
}
