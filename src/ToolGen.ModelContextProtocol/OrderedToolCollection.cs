using System.Collections.Generic;
using global::ModelContextProtocol.Server;

namespace ToolGen.ModelContextProtocol;

/// <summary>
/// The SDK's tool collection, enumerated in the order tools were added (the SDK's own is a hash table, whose order changes
/// from one process to the next): tools/list is then the <see cref="ToolSet"/>'s declaration order, every time.
/// </summary>
internal sealed class OrderedToolCollection : McpServerPrimitiveCollection<McpServerTool>
{
    private readonly List<McpServerTool> _order = [];

    public override bool TryAdd(McpServerTool primitive)
    {
        lock (_order)
        {
            _order.Add(primitive);
            if (base.TryAdd(primitive)) return true;
            _order.RemoveAt(_order.Count - 1);
            return false;
        }
    }

    public override bool Remove(McpServerTool primitive)
    {
        lock (_order)
        {
            if (!base.Remove(primitive)) return false;
            _order.Remove(primitive);
            return true;
        }
    }

    public override void Clear()
    {
        lock (_order)
        {
            _order.Clear();
            base.Clear();
        }
    }

    public override ICollection<string> PrimitiveNames
    {
        get
        {
            lock (_order) return _order.ConvertAll(static tool => tool.ProtocolTool.Name);
        }
    }

    public override McpServerTool[] ToArray()
    {
        lock (_order) return _order.ToArray();
    }

    public override void CopyTo(McpServerTool[] array, int arrayIndex)
    {
        lock (_order) _order.CopyTo(array, arrayIndex);
    }

    public override IEnumerator<McpServerTool> GetEnumerator() => ((IEnumerable<McpServerTool>)ToArray()).GetEnumerator();
}
