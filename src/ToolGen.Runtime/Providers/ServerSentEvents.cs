using System;
using System.Buffers;
using System.Text;

namespace ToolGen.Providers;

/// <summary>
/// The server-sent-events framing over a pooled byte buffer: bytes go in (<see cref="FreeSpace"/>, <see cref="Filled"/>),
/// lines come out as ranges of the buffer (<see cref="NextLine"/>), and <see cref="Add"/> turns the lines of one event
/// into its name and data — decoded from UTF-8 once, when the event is complete.
/// </summary>
internal sealed class ServerSentEvents : IDisposable
{
    private const int InitialSize = 16 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _start;   // The first unread byte.
    private int _end;     // One past the last byte read.
    private string? _eventName;
    private string? _data;            // The event's data when it has one data line (the usual case).
    private StringBuilder? _multiline; // … or all of them, joined with "\n".

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

    /// <summary>Takes one line; returns the event it completes (at an empty line), if any.</summary>
    public (string? Event, string Data)? Add((int Offset, int Length) line)
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
            string data = Encoding.UTF8.GetString(value);
            if (string.IsNullOrEmpty(_data) && _multiline is null) _data = data;
            else (_multiline ??= new StringBuilder(_data)).Append('\n').Append(data);
        }
        else if (field.SequenceEqual("event"u8))
        {
            _eventName = Encoding.UTF8.GetString(value);
        }
        return null;
    }

    /// <summary>At the end of the stream: the last line without a line ending, and the event it completes, if any.</summary>
    public (string? Event, string Data)? Finish()
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

    private (string? Event, string Data)? Complete()
    {
        string? data = _multiline?.ToString() ?? _data;
        string? name = _eventName;
        _data = null;
        _multiline = null;
        _eventName = null;
        return string.IsNullOrEmpty(data) ? null : (name, data);
    }

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }
}
