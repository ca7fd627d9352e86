using System.Xml.Linq;
using ToolGen.Generator.Helpers;

namespace ToolGen.Generator.Tests;

/// <summary>Plain unit tests of the generator's helpers, without Roslyn.</summary>
public sealed class HelperTests
{
    [TestCase("GetWeather", "get_weather")]
    [TestCase("CancelOrderAsync", "cancel_order")]
    [TestCase("Async", "async")]
    [TestCase("GetHTTPStatus", "get_http_status")]
    [TestCase("ParseUrl2Text", "parse_url2_text")]
    [TestCase("IOStream", "io_stream")]
    [TestCase("already_snake", "already_snake")]
    [TestCase("With__Underscores_", "with_underscores")]
    [TestCase("lowerStart", "lower_start")]
    [TestCase("X", "x")]
    public void DefaultToolNames(string method, string expected) => Assert.That(NameConverter.ToToolName(method), Is.EqualTo(expected));

    [TestCase("T:MyApp.Orders.Order", "Order")]
    [TestCase("M:MyApp.Tools.Get(System.String)", "Get")]
    [TestCase("T:System.Collections.Generic.List`1", "List")]
    [TestCase("List{T}", "List")]
    [TestCase("Get", "Get")]
    public void CrefsRenderAsSimpleNames(string cref, string expected) => Assert.That(XmlDocReader.SimpleName(cref), Is.EqualTo(expected));

    [Test]
    public void WhitespaceIsNormalizedAndBreaksKept()
    {
        var element = XElement.Parse("<summary>\n   First   line\n   continues.<para>Second.</para><br/>Third.\n</summary>");
        Assert.That(XmlDocReader.Render(element), Is.EqualTo("First line continues.\nSecond.\nThird."));
    }

    [Test]
    public void JsonStringsAreEscaped()
    {
        Assert.That(JsonText.Quote("a\"b\\c\nd\u0001é"), Is.EqualTo("\"a\\\"b\\\\c\\nd\\u0001é\""));
        Assert.That(JsonText.Quote("\ud800x"), Is.EqualTo("\"\\ud800x\""), "a lone surrogate is escaped");
        Assert.That(JsonText.Quote("😀"), Is.EqualTo("\"😀\""), "a surrogate pair stays");
    }

    [Test]
    public void CSharpStringsAreAsciiOnly()
    {
        Assert.That(CSharpLiteral.String("São \"x\"\n\t\\"), Is.EqualTo("\"S\\u00E3o \\\"x\\\"\\n\\t\\\\\""));
        Assert.That(CSharpLiteral.Identifier("class"), Is.EqualTo("@class"));
        Assert.That(CSharpLiteral.Identifier("value"), Is.EqualTo("value"));
    }

    [Test]
    public void EquatableArraysCompareByContent()
    {
        var first = new EquatableArray<string>(["a", "b"]);
        var same = new EquatableArray<string>(["a", "b"]);
        var other = new EquatableArray<string>(["a", "c"]);
        Assert.That(first, Is.EqualTo(same));
        Assert.That(first.GetHashCode(), Is.EqualTo(same.GetHashCode()));
        Assert.That(first, Is.Not.EqualTo(other));
        Assert.That(default(EquatableArray<string>), Is.EqualTo(EquatableArray<string>.Empty));
        Assert.That(first == same && first != other, Is.True);
    }
}
