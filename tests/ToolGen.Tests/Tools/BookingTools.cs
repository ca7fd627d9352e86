using System;
using System.ComponentModel.DataAnnotations;

namespace ToolGen.Tests.Tools;

/// <summary>Tools whose parameters carry patterns and formats: the reader must accept exactly what their schema does.</summary>
public static partial class BookingTools
{
    /// <summary>Books a flight between two airports.</summary>
    /// <param name="from">The IATA code of the departure airport, such as CDG.</param>
    /// <param name="to">The IATA code of the arrival airport, such as JFK.</param>
    /// <param name="flight">The flight number: two letters and up to four digits.</param>
    /// <param name="seat">The seat, such as 12A.</param>
    /// <param name="email">Where the confirmation goes.</param>
    /// <param name="website">The traveller's travel-agent page.</param>
    [Tool]
    public static string BookFlight(
        [RegularExpression("^[A-Z]{3}$")] string from,
        [RegularExpression("[A-Z]{3}")] string to,
        [RegularExpression(@"^[A-Z]{2}\d{1,4}$")] string? flight = null,
        [RegularExpression(@"^\w+.$")] string? seat = null,
        [EmailAddress] string? email = null,
        [Url] string? website = null)
    {
        CallLog.Record($"book({from}, {to}, {flight ?? "-"}, {seat ?? "-"}, {email ?? "-"}, {website ?? "-"})");
        return "booked";
    }

    /// <summary>Schedules a pickup.</summary>
    /// <param name="id">The booking id.</param>
    /// <param name="at">When, with the traveller's offset.</param>
    /// <param name="local">When, as the driver's local time.</param>
    /// <param name="page">The booking page.</param>
    [Tool]
    public static string SchedulePickup(Guid id, DateTimeOffset at, DateTime? local = null, Uri? page = null)
    {
        CallLog.Record($"pickup({id}, {at:O}, {local?.ToString("O") ?? "-"}, {page?.ToString() ?? "-"})");
        return "scheduled";
    }
}
