using System;
using System.Buffers;
using System.Text;

namespace ToolGen.Providers;

/// <summary>
/// The server-sent-events framing over a pooled byte buffer: bytes go in (<see cref="FreeSpace"/>, <see cref="Filled"/>),
/// lines come out as ranges of the buffer (<see cref="NextLine"/>), and <see cref="Add"/> turns the lines of one event
/// into its name and its data, as UTF-8 bytes in a second pooled buffer: no string is made for an event's data.
/// </summary>
internal sealed class ServerSentEvents : IDisposable
{
    private const int InitialSize = 16 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _start;   // The first unread byte.
    private int _end;     // One past the last byte read.
    private string? _eventName;
    private byte[] _data = ArrayPool<byte>.Shared.Rent(4 * 1024);   // The event's data lines, joined with "\n".
    private int _dataLength = -1;                                    // -1: no data line yet.

    /// <summary>The next complete line (without its line ending) as a range of the buffer, or null when none is complete.</summary>
    public (int Offset, int Length)? NextLine()
    {
        int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        if (newline < 0) return null;
        int offset = _start, length = newline;
        _start += newline + 1;
        if (length > 0 && _buffer[offset + length - 1] == (byte)'\r') length--;
        return (offset, length);
    }

    /// <summary>Where the next bytes go: after the unread ones, moved to the front, in a buffer grown when it is full.</summary>
    public Memory<byte> FreeSpace()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)   // One line longer than the buffer: double it.
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        return _buffer.AsMemory(_end);
    }

    /// <summary>Records that <paramref name="count"/> bytes were read into <see cref="FreeSpace"/>.</summary>
    public void Filled(int count) => _end += count;

    /// <summary>
    /// Takes one line; returns the event it completes (at an empty line), if any. The event's data stays valid until the
    /// next call.
    /// </summary>
    public (string? Event, ReadOnlyMemory<byte> Data)? Add((int Offset, int Length) line)
    {
        ReadOnlySpan<byte> text = _buffer.AsSpan(line.Offset, line.Length);
        if (text.IsEmpty) return Complete();
        if (text[0] == (byte)':') return null;   // A comment (keep-alive).
        int colon = text.IndexOf((byte)':');
        ReadOnlySpan<byte> field = colon < 0 ? text : text[..colon];
        ReadOnlySpan<byte> value = colon < 0 ? default : text[(colon + 1)..];
        while (!value.IsEmpty && value[0] == (byte)' ') value = value[1..];
        if (field.SequenceEqual("data"u8))
        {
            bool joined = _dataLength > 0;
            if (_dataLength < 0) _dataLength = 0;
            int needed = _dataLength + (joined ? 1 : 0) + value.Length;
            if (needed > _data.Length)
            {
                byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _data.Length * 2));
                Buffer.BlockCopy(_data, 0, larger, 0, _dataLength);
                ArrayPool<byte>.Shared.Return(_data);
                _data = larger;
            }
            if (joined) _data[_dataLength++] = (byte)'\n';
            value.CopyTo(_data.AsSpan(_dataLength));
            _dataLength += value.Length;
        }
        else if (field.SequenceEqual("event"u8))
        {
            _eventName = Encoding.UTF8.GetString(value);
        }
        return null;
    }

    /// <summary>At the end of the stream: the last line without a line ending, and the event it completes, if any.</summary>
    public (string? Event, ReadOnlyMemory<byte> Data)? Finish()
    {
        if (_end > _start)
        {
            var last = (_start, _end - _start);
            _start = _end;
            if (_buffer[last.Item1 + last.Item2 - 1] == (byte)'\r') last.Item2--;
            Add(last);
        }
        return Complete();
    }

    private (string? Event, ReadOnlyMemory<byte> Data)? Complete()
    {
        int length = _dataLength;
        string? name = _eventName;
        _dataLength = -1;
        _eventName = null;
        return length <= 0 ? null : (name, _data.AsMemory(0, length));
    }

    public void Dispose()
    {
        byte[] buffer = _buffer, data = _data;
        _buffer = [];
        _data = [];
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        if (data.Length > 0) ArrayPool<byte>.Shared.Return(data);
    }
}
