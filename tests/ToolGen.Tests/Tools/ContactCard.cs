using RangeAttribute = System.ComponentModel.DataAnnotations.RangeAttribute;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;

namespace ToolGen.Tests.Tools;

/// <summary>A contact card extracted from free text, such as an e-mail signature.</summary>
/// <param name="Name">The person's full name, for example "Ada Lovelace".</param>
/// <param name="Email">Their e-mail address, when the text has one.</param>
/// <param name="Phones">Their phone numbers, in the order they appear.</param>
/// <param name="Company">Where they work, when the text says.</param>
[ToolSchema]
public sealed partial record ContactCard(string Name, [property: EmailAddress] string? Email, List<string> Phones, Company? Company = null);

/// <summary>A company.</summary>
/// <param name="Name">Its name, for example "Analytical Engines Ltd".</param>
/// <param name="Employees">Head count, when known.</param>
public sealed record Company(string Name, [property: Range(1, 1_000_000)] int? Employees = null);
