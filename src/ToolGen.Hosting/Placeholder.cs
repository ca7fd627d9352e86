// Replaced by the package's first real type.
namespace ToolGen.Hosting;
