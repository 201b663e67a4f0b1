using System.Buffers;
using System.Globalization;
using System.Text;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>Raised when the file itself cannot be read as this CSV format; nothing of it is written.</summary>
public sealed class CsvFormatException(string message) : Exception(message);
