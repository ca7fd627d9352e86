using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ToolGen.Generator.Helpers;

/// <summary>The plain-text parts of a method's XML documentation.</summary>
internal sealed class DocComment
{
    public static readonly DocComment None = new("", "", "", new Dictionary<string, string>(StringComparer.Ordinal));

    public DocComment(string summary, string remarks, string returns, Dictionary<string, string> parameters)
    {
        Summary = summary;
        Remarks = remarks;
        Returns = returns;
        Parameters = parameters;
    }

    public string Summary { get; }
    public string Remarks { get; }
    public string Returns { get; }
    public IReadOnlyDictionary<string, string> Parameters { get; }

    public string Parameter(string name) => Parameters.TryGetValue(name, out string? text) ? text : "";
}

/// <summary>
/// Reads XML documentation into plain text: <c>&lt;see cref&gt;</c> becomes the simple name, <c>&lt;paramref&gt;</c> and
/// <c>&lt;c&gt;</c> their text, <c>&lt;para&gt;</c> and <c>&lt;list&gt;</c> line breaks, and white space is normalized.
/// Works whether or not the compilation parses documentation comments (<see cref="DocumentationMode.None"/>, the default
/// without <c>GenerateDocumentationFile</c>, leaves <c>///</c> lines as plain comments: they are read from the trivia).
/// </summary>
internal static class XmlDocReader
{
    // Marks a line break that <para>, <br> and <list> ask for; source line breaks are ordinary white space.
    private const char Break = '\u2029';

    /// <param name="symbol">The documented symbol.</param>
    /// <param name="declaration">Its declaration, whose trivia is read when the compilation does not parse documentation.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <param name="methodText">Renders a method <c>cref</c> (by simple name), e.g. as the tool name of a sibling tool; null to keep the name.</param>
    public static DocComment Read(ISymbol symbol, SyntaxNode declaration, CancellationToken cancellationToken, Func<string, string?>? methodText = null)
    {
        string? xml = symbol.GetDocumentationCommentXml(expandIncludes: true, cancellationToken: cancellationToken);
        if (string.IsNullOrWhiteSpace(xml)) xml = ReadTrivia(declaration);
        if (string.IsNullOrWhiteSpace(xml)) return DocComment.None;

        XElement root;
        try
        {
            root = XElement.Parse(xml, LoadOptions.None);
        }
        catch (XmlException)
        {
            return DocComment.None;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (XElement param in root.Elements("param"))
        {
            string? name = (string?)param.Attribute("name");
            if (name is not null && !parameters.ContainsKey(name)) parameters.Add(name, Render(param, methodText));
        }
        return new DocComment(Render(root.Element("summary"), methodText), Render(root.Element("remarks"), methodText), Render(root.Element("returns"), methodText), parameters);
    }

    /// <summary>The <c>///</c> (or <c>/** */</c>) comment above <paramref name="declaration"/>, as an XML document, or null.</summary>
    internal static string? ReadTrivia(SyntaxNode declaration)
    {
        var lines = new StringBuilder();
        foreach (SyntaxTrivia trivia in declaration.GetLeadingTrivia())
        {
            switch (trivia.Kind())
            {
                case SyntaxKind.SingleLineDocumentationCommentTrivia:
                case SyntaxKind.SingleLineCommentTrivia:
                    foreach (string line in trivia.ToFullString().Split('\n'))
                    {
                        string trimmed = line.Trim();
                        if (trimmed.StartsWith("///", StringComparison.Ordinal)) lines.Append(trimmed.Substring(3)).Append('\n');
                    }
                    break;
                case SyntaxKind.MultiLineDocumentationCommentTrivia:
                case SyntaxKind.MultiLineCommentTrivia:
                    string block = trivia.ToFullString();
                    if (!block.StartsWith("/**", StringComparison.Ordinal)) break;
                    block = block.Substring(3, Math.Max(0, block.Length - 5));
                    foreach (string line in block.Split('\n'))
                    {
                        string trimmed = line.Trim();
                        lines.Append(trimmed.StartsWith("*", StringComparison.Ordinal) ? trimmed.Substring(1) : trimmed).Append('\n');
                    }
                    break;
            }
        }
        return lines.Length == 0 ? null : "<member>" + lines + "</member>";
    }

    /// <summary>The text of <paramref name="element"/>, rendered and normalized.</summary>
    internal static string Render(XElement? element, Func<string, string?>? methodText = null)
    {
        if (element is null) return "";
        var text = new StringBuilder();
        RenderNodes(element.Nodes(), text, methodText);
        return Normalize(text.ToString());
    }

    private static void RenderNodes(IEnumerable<XNode> nodes, StringBuilder text, Func<string, string?>? methodText)
    {
        foreach (XNode node in nodes)
        {
            switch (node)
            {
                case XText plain:
                    text.Append(plain.Value);
                    break;
                case XElement element:
                    RenderElement(element, text, methodText);
                    break;
            }
        }
    }

    private static void RenderElement(XElement element, StringBuilder text, Func<string, string?>? methodText)
    {
        switch (element.Name.LocalName)
        {
            case "see":
            case "seealso":
                if (element.Attribute("langword") is { } langword) text.Append(langword.Value);
                else if (!element.IsEmpty && element.Nodes().Any()) RenderNodes(element.Nodes(), text, methodText);
                else if (element.Attribute("cref") is { } cref) text.Append(CrefText(cref.Value, methodText));
                else if (element.Attribute("href") is { } href) text.Append(href.Value);
                break;
            case "paramref":
            case "typeparamref":
                text.Append((string?)element.Attribute("name") ?? "");
                break;
            case "para":
            case "br":
                text.Append(Break);
                RenderNodes(element.Nodes(), text, methodText);
                text.Append(Break);
                break;
            case "list":
                text.Append(Break);
                foreach (XElement item in element.Elements("item"))
                {
                    text.Append("- ");
                    XElement? term = item.Element("term");
                    XElement? description = item.Element("description");
                    if (term is null && description is null)
                    {
                        RenderNodes(item.Nodes(), text, methodText);
                    }
                    else
                    {
                        if (term is not null) RenderNodes(term.Nodes(), text, methodText);
                        if (term is not null && description is not null) text.Append(": ");
                        if (description is not null) RenderNodes(description.Nodes(), text, methodText);
                    }
                    text.Append(Break);
                }
                break;
            default:
                RenderNodes(element.Nodes(), text, methodText);
                break;
        }
    }

    private static string CrefText(string cref, Func<string, string?>? methodText)
    {
        string name = SimpleName(cref);
        bool mayBeMethod = !(cref.Length > 2 && cref[1] == ':') || cref.StartsWith("M:", StringComparison.Ordinal);
        return mayBeMethod && methodText?.Invoke(name) is { } text ? text : name;
    }

    // "T:MyApp.Orders.Order" → "Order"; "M:MyApp.Tools.Get(System.String)" → "Get"; "List{T}" → "List".
    internal static string SimpleName(string cref)
    {
        string name = cref.Length > 2 && cref[1] == ':' ? cref.Substring(2) : cref;
        int cut = name.IndexOfAny(new[] { '(', '{', '<', '`' });
        if (cut >= 0) name = name.Substring(0, cut);
        int dot = name.LastIndexOf('.');
        return dot >= 0 ? name.Substring(dot + 1) : name;
    }

    // Collapses white space inside each line and drops blank lines, keeping the breaks that <para> and <list> made.
    private static string Normalize(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (string rawLine in text.Split(Break))
        {
            string line = CollapseWhitespace(rawLine);
            if (line.Length == 0) continue;
            if (result.Length > 0) result.Append('\n');
            result.Append(line);
        }
        return result.ToString();
    }

    private static string CollapseWhitespace(string text)
    {
        var result = new StringBuilder(text.Length);
        bool pendingSpace = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = result.Length > 0;
                continue;
            }
            if (pendingSpace) result.Append(' ');
            pendingSpace = false;
            result.Append(c);
        }
        return result.ToString();
    }
}
