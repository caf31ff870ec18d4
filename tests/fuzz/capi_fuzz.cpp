// The C ABI fed arbitrary bytes, arbitrary numbers, arbitrary enum values and
// NULLs: every call returns a status from the documented set with a message,
// never crashes, and a failed call leaves its out-pointer untouched.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "fuzz_catalog.hpp"
#include "onetrip.h"

namespace {

void check(onetrip_status s) {
  if (s < ONETRIP_OK || s > ONETRIP_UNAUTHENTICATED) std::abort();  // not a status
  if (onetrip_last_error() == nullptr) std::abort();
  if (s != ONETRIP_OK && onetrip_last_error()[0] == '\0') std::abort();  // a failure says why
}

onetrip_date any_date(FuzzedDataProvider& in) {
  onetrip_date d;
  d.year = in.ConsumeBool() ? in.ConsumeIntegralInRange<int32_t>(1990, 2030) : in.ConsumeIntegral<int32_t>();
  d.month = in.ConsumeIntegralInRange<int32_t>(-1, 14);
  d.day = in.ConsumeIntegralInRange<int32_t>(-1, 33);
  return d;
}

// Either the object or NULL, as the input decides.
template <class T>
T* maybe(FuzzedDataProvider& in, T* p) {
  return in.ConsumeIntegralInRange<int>(0, 7) == 0 ? nullptr : p;
}

struct Handles {
  onetrip_catalog* catalog = nullptr;
  onetrip_calendar* china = nullptr;
  Handles() {
    check(onetrip_catalog_load_json(kFuzzCatalog, std::strlen(kFuzzCatalog), &catalog));
    check(onetrip_calendar_china(&china));
    if (catalog == nullptr || china == nullptr) std::abort();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Handles h;
  FuzzedDataProvider in(data, size);
  const auto text = [&] { return in.ConsumeRandomLengthString(4096); };
  switch (in.ConsumeIntegralInRange<int>(0, 9)) {
    case 0: {  // a catalogue document, then per-index views of it
      const std::string json = text();
      static char marker;  // c must keep this value when the load fails
      onetrip_catalog* c = reinterpret_cast<onetrip_catalog*>(&marker);
      onetrip_catalog* const sentinel = c;
      const onetrip_status s = onetrip_catalog_load_json(maybe(in, json.data()), json.size(), maybe(in, &c));
      check(s);
      if (s != ONETRIP_OK) {
        if (c != sentinel) std::abort();
        break;
      }
      onetrip_matter_info matter = ONETRIP_MATTER_INFO_INIT;
      check(onetrip_catalog_matter(c, in.ConsumeIntegral<uint32_t>(), maybe(in, &matter)));
      onetrip_trips* trips = nullptr;
      check(onetrip_trips_bundle(c, in.ConsumeIntegralInRange<uint32_t>(0, 3), nullptr, &trips));
      onetrip_trips_free(trips);
      onetrip_catalog_free(c);
      break;
    }
    case 1: {  // a calendar document, then dates on it
      const std::string json = text();
      onetrip_calendar* cal = nullptr;
      const onetrip_status s = onetrip_calendar_load_json(maybe(in, json.data()), json.size(), &cal);
      check(s);
      if (s == ONETRIP_OK) {
        onetrip_date out;
        check(onetrip_calendar_add_workdays(cal, any_date(in), in.ConsumeIntegral<int32_t>(), &out));
        onetrip_calendar_free(cal);
      }
      break;
    }
    case 2: {  // a scenario applied to a catalogue
      const std::string json = text();
      onetrip_catalog* after = nullptr;
      check(onetrip_catalog_apply_json(maybe(in, h.catalog), json.data(), json.size(), maybe(in, &after)));
      onetrip_catalog_free(after);
      break;
    }
    case 3: {  // volumes and a comparison
      const std::string csv = text();
      onetrip_comparison* comparison = nullptr;
      onetrip_compare_options options = ONETRIP_COMPARE_OPTIONS_INIT;
      options.struct_size = in.ConsumeBool() ? options.struct_size : in.ConsumeIntegral<uint32_t>();
      options.threads = in.ConsumeIntegralInRange<uint32_t>(0, 4);
      check(onetrip_compare_v2(h.catalog, maybe(in, h.catalog), maybe(in, csv.data()), csv.size(), maybe(in, &options),
                               &comparison));
      onetrip_delta delta = ONETRIP_DELTA_INIT;
      if (comparison != nullptr) check(onetrip_comparison_matter(comparison, in.ConsumeIntegral<size_t>(), &delta));
      onetrip_comparison_free(comparison);
      break;
    }
    case 4: {  // case records into a report, then its tables
      onetrip_report* report = nullptr;
      check(onetrip_report_new(h.china, maybe(in, h.catalog), &report));
      const std::string csv = text();
      check(onetrip_report_add_csv(report, maybe(in, csv.data()), csv.size(), in.ConsumeBool()));
      char* table = nullptr;
      size_t len = 0;
      const auto kind = static_cast<onetrip_report_table>(in.ConsumeIntegralInRange<int>(-1, 2));
      check(onetrip_report_csv(report, in.ConsumeIntegral<int32_t>(), in.ConsumeIntegral<int32_t>(), nullptr, kind,
                               &table, &len));
      onetrip_string_free(table);
      onetrip_report_free(report);
      break;
    }
    case 5: {  // calendar arithmetic on any date
      onetrip_date out;
      int32_t count = 0;
      bool workday = false;
      onetrip_day_kind kind;
      check(onetrip_calendar_add_workdays(maybe(in, h.china), any_date(in), in.ConsumeIntegral<int32_t>(), &out));
      check(onetrip_calendar_count_workdays(h.china, any_date(in), any_date(in), maybe(in, &count)));
      check(onetrip_calendar_is_workday(h.china, any_date(in), &workday));
      check(onetrip_calendar_day_kind(h.china, any_date(in), &kind, nullptr));
      onetrip_special_day days[4];
      size_t n = 0;
      check(onetrip_calendar_special_days(h.china, in.ConsumeIntegral<int32_t>(), in.ConsumeIntegral<int32_t>(), days,
                                          in.ConsumeIntegralInRange<size_t>(0, 4), &n));
      break;
    }
    case 6: {  // a case clock from raw events: any kind, any reason, any date
      std::vector<onetrip_clock_event> events(in.ConsumeIntegralInRange<size_t>(0, 8));
      for (onetrip_clock_event& e : events) {
        e.kind = static_cast<onetrip_clock_event_kind>(in.ConsumeIntegral<int32_t>() % 8);
        e.date = any_date(in);
        e.days = in.ConsumeIntegral<int32_t>();
        e.reason = static_cast<onetrip_pause_reason>(in.ConsumeIntegral<int32_t>() % 8);
      }
      onetrip_clock_options options = ONETRIP_CLOCK_OPTIONS_INIT;
      options.yellow_used = in.ConsumeFloatingPoint<double>();
      onetrip_clock_state state = ONETRIP_CLOCK_STATE_INIT;
      state.struct_size = in.ConsumeBool() ? state.struct_size : in.ConsumeIntegral<uint32_t>();
      check(onetrip_clock_state_get(h.china, maybe(in, events.data()), events.size(), any_date(in), maybe(in, &options),
                                    maybe(in, &state)));
      break;
    }
    case 7: {  // a matter's due dates, any index, extension and date
      onetrip_matter_due_info due = ONETRIP_MATTER_DUE_INFO_INIT;
      const auto extension = static_cast<onetrip_extension>(in.ConsumeIntegral<int32_t>() % 5);
      check(onetrip_matter_due(h.catalog, maybe(in, h.china), in.ConsumeIntegralInRange<uint32_t>(0, 4), any_date(in),
                               extension, &due));
      break;
    }
    case 8: {  // whole-catalogue evaluation with any capacities and options
      std::vector<int32_t> trips(in.ConsumeIntegralInRange<size_t>(0, 4));
      onetrip_evaluation_buffers buffers = ONETRIP_EVALUATION_BUFFERS_INIT;
      buffers.matter_capacity = in.ConsumeIntegralInRange<size_t>(0, 8);
      buffers.matter_trips = trips.empty() ? nullptr : trips.data();
      buffers.matter_capacity = std::min(buffers.matter_capacity, trips.size());
      onetrip_evaluate_options options = ONETRIP_EVALUATE_OPTIONS_INIT;
      onetrip_date start = any_date(in);
      options.start = in.ConsumeBool() ? &start : nullptr;
      options.threads = in.ConsumeIntegralInRange<uint32_t>(0, 3);
      check(onetrip_catalog_evaluate_v2(h.catalog, h.china, maybe(in, &options), maybe(in, &buffers)));
      break;
    }
    default: {  // lookups by any bytes and any entity
      const std::string id = text();
      uint32_t found = 0;
      const auto entity = static_cast<onetrip_entity>(in.ConsumeIntegralInRange<int32_t>(-1, 6));
      check(onetrip_catalog_find(h.catalog, entity, maybe(in, id.data()), id.size(), &found));
      break;
    }
  }
  return 0;
}
