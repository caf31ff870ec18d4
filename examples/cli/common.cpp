// What every command shares: the catalogue of a CATALOG argument, the
// calendar of --calendar, weekdays, and the records written as --format csv or json.
#include <fstream>
#include <iostream>

#include "tool.hpp"

namespace onetrip::tool {

absl::StatusOr<Catalog> load_catalog(const std::string& path, std::vector<Problem>* problems) {
  char magic[8] = {};
  std::ifstream in(path, std::ios::binary);
  in.read(magic, sizeof magic);
  if (Catalog::is_snapshot(std::string_view(magic, static_cast<size_t>(in.gcount())))) {
    return Catalog::load_snapshot_file(path);
  }
  return Catalog::load_file(path, problems, cli::terminal_progress());  // it reports a file it cannot open
}

absl::StatusOr<Calendar> load_calendar(const std::vector<std::string>& files) {
  Calendar calendar = Calendar::china();
  for (const std::string& file : files) {
    auto extended = calendar.with_json_file(file);
    if (!extended.ok()) return extended.status();
    calendar = *std::move(extended);
  }
  return calendar;
}

const char* weekday(Date d) {
  static const char* const kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  return kWeekdays[(d.day_of_week().as_number() + 6) % 7];
}

FieldValue date_field(const std::optional<Date>& d) {
  if (!d) return FieldValue();
  return format_date(*d);
}

Records indicators_records(const Indicators& x, const char* name) {
  Records r{name,
            {"matters", "share_zero_trips", "share_at_most_one_trip", "mean_trips", "mean_worst_case",
             "share_immediate", "mean_promised_legal_ratio", "bundles", "bundle_share_zero_trips",
             "bundle_share_at_most_one_trip", "bundle_mean_trips", "weighted", "volume"},
            {},
            true};
  r.add({x.matters, x.share_zero_trips, x.share_at_most_one_trip, x.mean_trips, x.mean_worst_case, x.share_immediate,
         x.mean_promised_legal_ratio, x.bundles, x.bundle_share_zero_trips, x.bundle_share_at_most_one_trip,
         x.bundle_mean_trips, x.weighted, x.weighted ? FieldValue(x.volume) : FieldValue()});
  return r;
}

void write_records(Format format, absl::Span<const Records> parts, size_t csv) {
  if (format == Format::kJson) {
    std::cout << records_json(parts);
  } else {
    std::cout << records_csv(parts[csv]);
  }
}

}  // namespace onetrip::tool
