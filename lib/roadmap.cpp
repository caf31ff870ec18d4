#include "onetrip/roadmap.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "catalog_internal.hpp"
#include "indicators_internal.hpp"
#include "json_support.hpp"
#include "onetrip/notice.hpp"
#include "reform_internal.hpp"
#include "schedule_internal.hpp"
#include "trips_internal.hpp"

namespace onetrip {

namespace {

using internal::json_path;
using internal::PlacedReform;
using internal::Problems;

constexpr int kMaxMonths = 1200;

Date first_of_month(Date d) { return Date(d.year(), d.month(), 1); }
Date next_month(Date first) {
  return first.month() == 12 ? Date(first.year() + 1, 1, 1) : Date(first.year(), first.month() + 1, 1);
}
std::string month_text(Date d) { return format_date(d).substr(0, 7); }

// The undated reforms (in scenario order), then the dated ones by date, ties in scenario order.
struct Ordered {
  std::vector<PlacedReform> undated;
  std::vector<PlacedReform> dated;
  std::vector<size_t> dated_positions;
};
Ordered order_reforms(const Scenario& scenario) {
  Ordered out;
  std::vector<size_t> dated;
  for (size_t i = 0; i < scenario.reforms.size(); ++i) {
    if (scenario.reforms[i].effective_from) {
      dated.push_back(i);
    } else {
      out.undated.emplace_back(&scenario.reforms[i], json_path("$.reforms", i));
    }
  }
  std::stable_sort(dated.begin(), dated.end(), [&](size_t a, size_t b) {
    return *scenario.reforms[a].effective_from < *scenario.reforms[b].effective_from;
  });
  for (size_t i : dated) out.dated.emplace_back(&scenario.reforms[i], json_path("$.reforms", i));
  out.dated_positions = std::move(dated);
  return out;
}

std::string label_of(const Reform& r) {
  std::vector<std::string> target;
  if (!r.target.matters.empty()) target.push_back(absl::StrJoin(r.target.matters, ","));
  if (!r.target.department.empty()) target.push_back(r.target.department);
  if (!r.target.hall.empty()) target.push_back(r.target.hall);
  if (!r.target.bundle.empty()) target.push_back(r.target.bundle);
  if (!r.material.empty()) target.push_back(r.material);
  std::string out = to_string(r.kind);
  if (!r.enable) absl::StrAppend(&out, " (undone)");
  if (!target.empty()) absl::StrAppend(&out, " ", absl::StrJoin(target, " "));
  return out;
}

// Working days d with from <= d <= to on the calendar (both in its coverage).
absl::StatusOr<int64_t> workdays_in(const Calendar& calendar, Date from, Date to) {
  auto counted = calendar.count_workdays(from, to);  // from < d <= to
  if (!counted.ok()) return counted.status();
  auto first = calendar.is_workday(from);
  if (!first.ok()) return first.status();
  return *counted + (*first ? 1 : 0);
}

// The catalogue after the undated reforms (together, in scenario order) and
// then the first k dated ones, one at a time: a reform meets the catalogue of
// its day (a matter absorbed before it is no longer there to match).
absl::StatusOr<Catalog> state_after(const Catalog& base, const Ordered& ordered, size_t k,
                                    std::vector<Problem>* problems) {
  std::optional<Catalog> c;
  if (ordered.undated.empty()) {
    c = base;
  } else {
    auto first = internal::apply_placed(base, ordered.undated, problems);
    if (!first.ok()) return first.status();
    c = *std::move(first);
  }
  for (size_t i = 0; i < k; ++i) {
    auto next = internal::apply_placed(*c, absl::MakeConstSpan(&ordered.dated[i], 1), problems);
    if (!next.ok()) return next.status();
    c = *std::move(next);
  }
  return *std::move(c);
}

// The months of the roadmap and the checks every input gets before anything
// is applied, so that a bad input is reported whole and nothing half-done.
struct Months {
  std::vector<Date> firsts;
  std::vector<int32_t> workdays;
};

Months check_inputs(const Catalog& base, const Scenario& scenario, const Calendar& calendar,
                    const RoadmapOptions& options, const MonthlyVolumes& volumes, Problems& problems) {
  Months out;
  const Coverage coverage = calendar.coverage();
  const auto covered = [&](Date d) { return coverage.first <= d && d <= coverage.last; };
  const std::string span = absl::StrFormat("%s to %s", format_date(coverage.first), format_date(coverage.last));
  for (size_t i = 0; i < scenario.reforms.size(); ++i) {
    const auto& day = scenario.reforms[i].effective_from;
    if (day && !covered(*day)) {
      problems.add(json_path(json_path("$.reforms", i), "effective_from"),
                   absl::StrFormat("%s is outside the calendar \"%s\", which covers %s", format_date(*day),
                                   calendar.name(), span));
    }
  }
  if (options.from.is_special() || options.to.is_special()) {
    problems.add("from", "the roadmap needs a first and a last month");
    return out;
  }
  const Date first = first_of_month(options.from), last = first_of_month(options.to);
  if (last < first) {
    problems.add("to",
                 absl::StrFormat("the last month %s is before the first %s", month_text(last), month_text(first)));
    return out;
  }
  if ((last.year() - first.year()) * 12 + (last.month() - first.month()) >= kMaxMonths) {
    problems.add("to",
                 absl::StrFormat("more than %d months from %s to %s", kMaxMonths, month_text(first), month_text(last)));
    return out;
  }
  if (!covered(first) || !covered(last.end_of_month())) {
    problems.add(covered(first) ? "to" : "from",
                 absl::StrFormat("the months %s to %s are not all inside the calendar \"%s\", which covers %s",
                                 month_text(first), month_text(last), calendar.name(), span));
    return out;
  }
  // Volumes given in code (the CSV readers refuse these themselves): each id
  // known, each value a number of cases. A NaN would make every figure NaN.
  const auto check_given = [&](const Volumes& given, const std::string& path) {
    const auto value = [&](const char* what, const std::string& id, double v) {
      if (v >= 0 && std::isfinite(v)) return;
      problems.add(path, absl::StrFormat("%s \"%s\": %g is not a number of cases (a finite, non-negative number)", what,
                                         internal::escape_invalid_utf8(id.substr(0, 200)), v));
    };
    for (const auto& [code, v] : given.matters) {
      if (!base.find_matter(code)) problems.add(path, absl::StrFormat("no matter \"%s\" in the catalogue", code));
      value("matter", code, v);
    }
    for (const auto& [id, v] : given.bundles) {
      if (!base.find_bundle(id)) problems.add(path, absl::StrFormat("no bundle \"%s\" in the catalogue", id));
      value("bundle", id, v);
    }
  };
  check_given(volumes.every_month, "volumes");
  for (const SituationVolume& v : volumes.situations) {
    if (!(v.volume >= 0 && std::isfinite(v.volume)) || (volumes.situation_shares && v.volume > 1)) {
      problems.add(v.where.empty() ? "situation volumes" : v.where,
                   absl::StrFormat("matter \"%s\", situation \"%s\": %g is not %s", v.matter, v.situation, v.volume,
                                   volumes.situation_shares ? "a share (0 to 1)" : "a number of cases"));
    }
  }
  for (const auto& [month, given] : volumes.months) {
    auto where = volumes.where.find(month);
    const std::string path = where != volumes.where.end() ? where->second : absl::StrCat("volumes ", month_text(month));
    if (month != first_of_month(month)) {
      problems.add(path, absl::StrFormat("%s is not the first day of its month", format_date(month)));
    } else if (month < first || last < month) {
      problems.add(path, absl::StrFormat("volumes for %s, but no catalogue of the roadmap is in force then (it runs "
                                         "%s to %s)",
                                         month_text(month), month_text(first), month_text(last)));
    }
    check_given(given, path);
  }
  std::set<std::string> refused;  // one problem per matter
  for (const SituationVolume& v : volumes.situations) {
    if (!base.find_matter(v.matter)) {
      problems.add(v.where.empty() ? "situation volumes" : v.where,
                   absl::StrFormat("no matter \"%s\" in the catalogue", v.matter));
      continue;
    }
    if (volumes.situation_shares || refused.count(v.matter)) continue;
    // Cases per situation are the matter's cases in every month: the volume
    // for every month may only repeat their sum.
    if (const auto every = volumes.every_month.matters.find(v.matter); every != volumes.every_month.matters.end()) {
      double sum = 0;
      for (const SituationVolume& w : volumes.situations) sum += w.matter == v.matter ? w.volume : 0.0;
      if (std::abs(every->second - sum) > 1e-9 * std::max(1.0, std::abs(sum))) {
        problems.add(v.where.empty() ? "situation volumes" : v.where,
                     absl::StrFormat("matter \"%s\" has %g cases a month, but its situations add up to %g: give its "
                                     "cases once (by its situations, or its volume with situation shares)",
                                     v.matter, every->second, sum));
        refused.insert(v.matter);
        continue;
      }
    }
    for (const auto& [month, given] : volumes.months) {
      if (!given.matters.count(v.matter)) continue;
      auto where = volumes.where.find(month);
      problems.add(where != volumes.where.end() ? where->second : absl::StrCat("volumes ", month_text(month)),
                   absl::StrFormat("matter \"%s\" has situation cases for every month (%s) and a volume for %s: give "
                                   "its situations as shares to split the months' volumes",
                                   v.matter, v.where, month_text(month)));
      refused.insert(v.matter);
      break;
    }
  }
  for (Date m = first; m <= last; m = next_month(m)) {
    auto w = workdays_in(calendar, m, m.end_of_month());
    if (!w.ok()) {
      problems.add("from", std::string(w.status().message()));
      return out;
    }
    out.firsts.push_back(m);
    out.workdays.push_back(static_cast<int32_t>(*w));
  }
  return out;
}

// The share of a month's working days on or after `day`.
absl::StatusOr<double> share_from(const Calendar& calendar, Date day, Date month, int32_t workdays) {
  const Date end = month.end_of_month();
  if (day <= month) return 1.0;
  if (end < day) return 0.0;
  if (workdays == 0) {  // a month with no working day: natural days
    return static_cast<double>((end - day).days() + 1) / static_cast<double>(end.day());
  }
  auto w = workdays_in(calendar, day, end);
  if (!w.ok()) return w.status();
  return static_cast<double>(*w) / workdays;
}

// A month's volumes as arrays over a catalogue's matters and bundles; none
// given: one case each.
struct Weights {
  bool weighted = false;
  std::vector<double> matters;
  std::vector<double> bundles;
};
const Volumes* volumes_of(const MonthlyVolumes& v, Date month) {
  auto it = v.months.find(month);
  if (it != v.months.end()) return &it->second;
  if (!v.every_month.matters.empty() || !v.every_month.bundles.empty()) return &v.every_month;
  static const Volumes kNone;
  return v.months.empty() ? nullptr : &kNone;  // volumes for other months only: none in this one
}
Weights weights_of(const Catalog& c, const Volumes* v) {
  Weights w;
  w.weighted = v != nullptr;
  w.matters.assign(c.matters().size(), v ? 0.0 : 1.0);
  w.bundles.assign(c.bundles().size(), v ? 0.0 : 1.0);
  if (!v) return w;
  for (const auto& [code, n] : v->matters) {
    if (auto i = c.find_matter(code)) w.matters[*i] = n;
  }
  for (const auto& [id, n] : v->bundles) {
    if (auto b = c.find_bundle(id)) w.bundles[*b] = n;
  }
  return w;
}

// Whether any matter or bundle carries a validity period (else everything is always in force).
bool any_validity(const Catalog& c) {
  return std::any_of(c.matters().begin(), c.matters().end(),
                     [](const Matter& m) { return m.effective_from || m.effective_until; }) ||
         std::any_of(c.bundles().begin(), c.bundles().end(), [](const Bundle& b) { return b.validity.dated(); });
}
bool in_force_during(const Validity& v, Date first) {  // the period meets the month
  return v.from.value_or(Date(boost::date_time::min_date_time)) <= first.end_of_month() &&
         first <= v.until.value_or(Date(boost::date_time::max_date_time));
}
bool in_force_during(const Matter& m, Date first) {
  return in_force_during(Validity{m.effective_from, m.effective_until}, first);
}

// One figure set: trips, worst case, windows, working days.
struct Figures {
  int32_t trips = 0, worst = 0, windows = 0, days = 0;
  bool operator==(const Figures& o) const {
    return trips == o.trips && worst == o.worst && windows == o.windows && days == o.days;
  }
};
// What a reform in force saves at weight w (cases times its share of the month): before a, after b.
void add_saved(ReformMonth& r, double w, const Figures& a, const Figures& b) {
  r.trips_saved += w * (a.trips - b.trips);
  r.worst_case_saved += w * (a.worst - b.worst);
  r.windows_saved += w * (a.windows - b.windows);
  r.days_saved += w * (a.days - b.days);
}

struct Delta {
  uint32_t item = 0;  // a matter or bundle of the first state (the base with the undated reforms)
  Figures before, after;
};
Figures matter_figures(const CatalogEvaluation& e, size_t j) {
  return {e.matter_trips[j], e.matter_worst_case[j], e.matter_window_contacts[j], e.matter_workdays[j]};
}
Figures bundle_figures(const CatalogEvaluation& e, size_t b) {
  return {e.bundle_trips[b], e.bundle_worst_case[b], e.bundle_window_contacts[b], e.bundle_workdays[b]};
}
void put_matter(CatalogEvaluation& e, size_t j, const TripCounts& c) {
  e.matter_trips[j] = c.trips;
  e.matter_worst_case[j] = c.worst_case;
  e.matter_window_contacts[j] = c.window_contacts;
  e.matter_because[j] = c.because_mask;
  e.matter_workdays[j] = c.workdays;
  e.matter_counted_workdays[j] = c.counted_workdays;
}
void put_bundle(CatalogEvaluation& e, size_t b, const TripCounts& c) {
  e.bundle_trips[b] = c.trips;
  e.bundle_worst_case[b] = c.worst_case;
  e.bundle_window_contacts[b] = c.window_contacts;
  e.bundle_workdays[b] = c.workdays;
  e.bundle_counted_workdays[b] = c.counted_workdays;
}

// The savings of one step in one month.
// A matter weighed by its situations (`weighed`, by item) saves what they save instead.
void add_savings(const std::vector<Delta>& matters, const std::vector<Delta>& bundles, const Weights& w,
                 const std::vector<uint8_t>* in_force, const std::vector<uint8_t>* bundles_in_force, double share,
                 const std::vector<uint8_t>& weighed, ReformMonth& out) {
  const auto add = [&](const Delta& d, double v) { add_saved(out, v * share, d.before, d.after); };
  for (const Delta& d : matters) {
    if (in_force && !(*in_force)[d.item]) continue;
    if (!weighed.empty() && weighed[d.item]) continue;
    add(d, w.matters[d.item]);
  }
  for (const Delta& d : bundles) {
    if (bundles_in_force && !(*bundles_in_force)[d.item]) continue;
    add(d, w.bundles[d.item]);
  }
}

// The situation volumes whose matter the first state has, by that matter (an
// item of the first state), and what each situation weighs in a month.
struct Situated {
  uint32_t item = 0;
  const SituationVolume* volume = nullptr;
};
struct SituationWeights {
  std::vector<Situated> situated;
  std::vector<uint8_t> weighed;  // by item: the matter is weighed by its situations
  bool shares = false;
  double weight(const Situated& s, const Weights& w) const {
    return shares ? w.matters[s.item] * s.volume->volume : s.volume->volume;
  }
};
SituationWeights situation_weights(const Catalog& first, const MonthlyVolumes& volumes) {
  SituationWeights out;
  out.shares = volumes.situation_shares;
  out.weighed.assign(first.matters().size(), 0);
  for (const SituationVolume& v : volumes.situations) {
    const auto i = first.find_matter(v.matter);
    if (!i) continue;
    out.situated.push_back({static_cast<uint32_t>(*i), &v});
    out.weighed[*i] = 1;
  }
  return out;
}
// With cases per situation, a matter's cases in a month are its situations' sum.
// They are volumes: with no others, every other matter and bundle weighs nothing.
void add_situation_cases(const SituationWeights& s, Weights& w) {
  if (s.shares || s.situated.empty()) return;
  if (!w.weighted) {
    std::fill(w.matters.begin(), w.matters.end(), 0.0);
    std::fill(w.bundles.begin(), w.bundles.end(), 0.0);
  }
  w.weighted = true;
  for (const Situated& x : s.situated) w.matters[x.item] = 0;
  for (const Situated& x : s.situated) w.matters[x.item] += x.volume->volume;
}
// A situation's figures on a catalogue (none when the matter is not in it).
absl::StatusOr<Figures> situation_figures(const Catalog& c, const SituationVolume& v) {
  if (!c.find_matter(v.matter)) return Figures{};
  auto n = notice(c, v.matter, absl::MakeConstSpan(v.answers));
  if (!n.ok()) {
    return absl::Status(n.status().code(), absl::StrFormat("situation volumes, %s: matter \"%s\", situation \"%s\": %s",
                                                           v.where, v.matter, v.situation, n.status().message()));
  }
  return Figures{n->trips.trips, n->trips.worst_case, n->trips.window_contacts, n->workdays};
}
absl::StatusOr<std::vector<Figures>> all_situation_figures(const Catalog& c, const SituationWeights& s) {
  std::vector<Figures> out;
  out.reserve(s.situated.size());
  for (const Situated& x : s.situated) {
    auto f = situation_figures(c, *x.volume);
    if (!f.ok()) return f.status();
    out.push_back(*f);
  }
  return out;
}
// The situations' figures for the indicators of a state (its numbering via
// `now`), at the state's weights `w`, in matter order.
template <class Now>
std::vector<internal::SituationFigures> indicator_figures(const SituationWeights& s, absl::Span<const Figures> figures,
                                                          absl::Span<const double> w, Now now) {
  std::vector<internal::SituationFigures> out;
  for (size_t k = 0; k < s.situated.size(); ++k) {
    const int64_t j = now(s.situated[k].item);
    if (j < 0) continue;
    internal::SituationFigures f;
    f.matter = static_cast<uint32_t>(j);
    const double whole = w[static_cast<size_t>(j)];
    // Cases: the matter's weight is their sum, and 0 when it is not in force.
    f.weight = s.shares ? whole * s.situated[k].volume->volume : (whole > 0 ? s.situated[k].volume->volume : 0.0);
    f.trips = figures[k].trips;
    f.worst_case = figures[k].worst;
    f.workdays = figures[k].days;
    out.push_back(f);
  }
  std::stable_sort(
      out.begin(), out.end(),
      [](const internal::SituationFigures& a, const internal::SituationFigures& b) { return a.matter < b.matter; });
  return out;
}

// The bundles each matter of `c` belongs to, as CSR: matter j's are
// bundles[offsets[j] .. offsets[j + 1]).
void bundles_of_matters(const Catalog& c, std::vector<uint32_t>& offsets, std::vector<uint32_t>& bundles) {
  const size_t n = c.matters().size();
  offsets.assign(n + 1, 0);
  for (const Bundle& b : c.bundles()) {
    for (MatterIndex m : b.members) ++offsets[m + 1];
  }
  for (size_t j = 0; j < n; ++j) offsets[j + 1] += offsets[j];
  bundles.assign(offsets[n], 0);
  std::vector<uint32_t> next(offsets.begin(), offsets.end() - 1);
  for (BundleIndex b = 0; b < c.bundles().size(); ++b) {
    for (MatterIndex m : c.bundles()[b].members) bundles[next[m]++] = b;
  }
}

// The state of the catalogue along the roadmap, with its evaluation, and
// where each matter and bundle of the first state is in it.
class Chain {
 public:
  // With own_facts, the chain keeps the trip facts of its current state
  // itself, patched in place at each step for what changed (a state's own,
  // derived on first use, would copy its predecessor's: a pass over every
  // matter); else each state's own are used (read elsewhere too: the situations').
  Chain(Catalog first, CatalogEvaluation evaluation, bool own_facts)
      : first_(first), current_(std::move(first)), evaluation_(std::move(evaluation)), own_facts_(own_facts) {
    identity_ = true;
    if (own_facts_) facts_ = internal::trip_facts(current_);
    index_members();
  }

  const Catalog& first() const { return first_; }
  const Catalog& current() const { return current_; }
  const CatalogEvaluation& evaluation() const { return evaluation_; }

  // Moves to `next`, derived from the current state by one reform; returns
  // the figures that changed, by item of the first state.
  absl::Status step(Catalog next, std::vector<Delta>& matters, std::vector<Delta>& bundles) {
    const Catalog::Impl& impl = next.internals();
    const bool derived = impl.provenance.base.lock().get() == &current_.internals() &&
                         next.matters().size() == current_.matters().size();
    if (derived) return step_derived(std::move(next), matters, bundles);
    return step_anew(std::move(next), matters, bundles);
  }

  // The matters the last step changed (current numbering), unless it renumbered them.
  const std::vector<MatterIndex>& last_changed() const { return last_changed_; }
  bool renumbered() const { return renumbered_; }

  // The current state's index of matter i of the first state, or -1 when it is gone.
  int64_t matter_now(size_t i) const { return identity_ ? static_cast<int64_t>(i) : matter_now_[i]; }
  int64_t bundle_now(size_t b) const { return identity_ ? static_cast<int64_t>(b) : bundle_now_[b]; }
  // The numbering of matter_now and bundle_now as a copy; empty: the first state's.
  void numbering(std::vector<int64_t>& matters, std::vector<int64_t>& bundles) const {
    matters = identity_ ? std::vector<int64_t>() : matter_now_;
    bundles = identity_ ? std::vector<int64_t>() : bundle_now_;
  }

 private:
  absl::Status step_derived(Catalog next, std::vector<Delta>& matters, std::vector<Delta>& bundles) {
    const Catalog::Impl& impl = next.internals();
    std::vector<MatterIndex> changed = impl.provenance.changed_matters;
    if (impl.provenance.materials_changed) {  // every matter asking for a material that changed
      std::vector<uint8_t> differs(next.materials().size(), 0);
      for (size_t k = 0; k < differs.size(); ++k) differs[k] = next.materials()[k] != current_.materials()[k];
      for (size_t j = 0; j < next.matters().size(); ++j) {
        const auto& uses = next.matters()[j].materials;
        if (std::any_of(uses.begin(), uses.end(), [&](const MaterialUse& u) { return differs[u.material] != 0; })) {
          changed.push_back(static_cast<MatterIndex>(j));
        }
      }
      std::sort(changed.begin(), changed.end());
      changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    }
    last_changed_ = changed;
    renumbered_ = false;
    // The bundles to count again: those of a changed matter, and those replaced
    // (every one when the deriver did not say which).
    const internal::Provenance& p = impl.provenance;
    const bool every_bundle = p.bundles_changed && !p.bundles_replaced;
    std::vector<BundleIndex> touched;
    for (MatterIndex j : changed) {
      for (uint32_t k = member_offsets_[j]; k < member_offsets_[j + 1]; ++k) touched.push_back(member_bundles_[k]);
      if (auto more = extra_members_.find(j); more != extra_members_.end()) {
        touched.insert(touched.end(), more->second.begin(), more->second.end());
      }
    }
    if (every_bundle) {
      touched.resize(next.bundles().size());
      for (BundleIndex b = 0; b < touched.size(); ++b) touched[b] = b;
    } else if (p.bundles_changed) {
      for (BundleIndex b : *p.bundles_replaced) {
        touched.push_back(b);
        for (MatterIndex m : next.bundles()[b].members) add_member(m, b);
      }
    }
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    if (own_facts_) {
      const bool halls = p.bundles_changed || p.halls_changed;
      internal::patch_trip_facts(next, changed, halls ? absl::MakeConstSpan(touched) : absl::Span<const BundleIndex>(),
                                 every_bundle, facts_);
    }
    const internal::TripFacts& facts = own_facts_ ? facts_ : internal::trip_facts(next);
    const TripOptions options;
    for (MatterIndex j : changed) {
      const Figures before = matter_figures(evaluation_, j);
      put_matter(evaluation_, j, internal::count_matter_trips(next, facts, j, options));
      const Figures after = matter_figures(evaluation_, j);
      if (!(before == after)) matters.push_back(Delta{first_index_of_matter(j), before, after});
    }
    for (BundleIndex b : touched) {
      const Figures before = bundle_figures(evaluation_, b);
      put_bundle(evaluation_, b, internal::count_bundle_trips(next, facts, b, options));
      evaluation_.bundle_over_joint_limit[b] =
          internal::over_joint_limit(next.bundles()[b].handling, evaluation_.bundle_counted_workdays[b]);
      const Figures after = bundle_figures(evaluation_, b);
      if (!(before == after)) bundles.push_back(Delta{first_index_of_bundle(b), before, after});
    }
    current_ = std::move(next);
    if (every_bundle) index_members();  // members may have come into any bundle
    return absl::OkStatus();
  }

  absl::Status step_anew(Catalog next, std::vector<Delta>& matters, std::vector<Delta>& bundles) {
    auto e = evaluate_catalog(next);
    if (!e.ok()) return e.status();
    std::vector<int64_t> matter_now(first_.matters().size(), -1), bundle_now(first_.bundles().size(), -1);
    for (size_t i = 0; i < matter_now.size(); ++i) {
      if (auto j = next.find_matter(first_.matters()[i].code)) matter_now[i] = *j;
    }
    for (size_t b = 0; b < bundle_now.size(); ++b) {
      if (auto j = next.find_bundle(first_.bundles()[b].id)) bundle_now[b] = *j;
    }
    for (size_t i = 0; i < matter_now.size(); ++i) {
      const int64_t was = this->matter_now(i);
      const Figures before = was < 0 ? Figures{} : matter_figures(evaluation_, static_cast<size_t>(was));
      const Figures after = matter_now[i] < 0 ? Figures{} : matter_figures(*e, static_cast<size_t>(matter_now[i]));
      if (!(before == after)) matters.push_back(Delta{static_cast<uint32_t>(i), before, after});
    }
    for (size_t b = 0; b < bundle_now.size(); ++b) {
      const int64_t was = this->bundle_now(b);
      const Figures before = was < 0 ? Figures{} : bundle_figures(evaluation_, static_cast<size_t>(was));
      const Figures after = bundle_now[b] < 0 ? Figures{} : bundle_figures(*e, static_cast<size_t>(bundle_now[b]));
      if (!(before == after)) bundles.push_back(Delta{static_cast<uint32_t>(b), before, after});
    }
    identity_ = false;
    renumbered_ = true;
    last_changed_.clear();
    matter_now_ = std::move(matter_now);
    bundle_now_ = std::move(bundle_now);
    matter_first_.assign(next.matters().size(), 0);
    for (size_t i = 0; i < matter_now_.size(); ++i) {
      if (matter_now_[i] >= 0) matter_first_[static_cast<size_t>(matter_now_[i])] = static_cast<uint32_t>(i);
    }
    bundle_first_.assign(next.bundles().size(), 0);
    for (size_t b = 0; b < bundle_now_.size(); ++b) {
      if (bundle_now_[b] >= 0) bundle_first_[static_cast<size_t>(bundle_now_[b])] = static_cast<uint32_t>(b);
    }
    evaluation_ = *std::move(e);
    current_ = std::move(next);
    if (own_facts_) facts_ = internal::trip_facts(current_);
    index_members();
    return absl::OkStatus();
  }

  uint32_t first_index_of_matter(size_t j) const { return identity_ ? static_cast<uint32_t>(j) : matter_first_[j]; }
  uint32_t first_index_of_bundle(size_t b) const { return identity_ ? static_cast<uint32_t>(b) : bundle_first_[b]; }

  // The bundles each matter of the current state belongs to (or may: a
  // superset, the bundles that gained a member since added apart).
  void index_members() {
    bundles_of_matters(current_, member_offsets_, member_bundles_);
    extra_members_.clear();
  }
  void add_member(MatterIndex m, BundleIndex b) {
    const auto listed =
        absl::MakeConstSpan(member_bundles_).subspan(member_offsets_[m], member_offsets_[m + 1] - member_offsets_[m]);
    if (std::find(listed.begin(), listed.end(), b) != listed.end()) return;
    std::vector<BundleIndex>& more = extra_members_[m];
    if (std::find(more.begin(), more.end(), b) == more.end()) more.push_back(b);
  }

  Catalog first_;
  Catalog current_;
  CatalogEvaluation evaluation_;
  bool identity_ = true;  // the current state numbers matters and bundles as the first does
  std::vector<int64_t> matter_now_, bundle_now_;
  std::vector<uint32_t> matter_first_, bundle_first_;
  std::vector<uint32_t> member_offsets_, member_bundles_;
  absl::flat_hash_map<MatterIndex, std::vector<BundleIndex>> extra_members_;
  std::vector<MatterIndex> last_changed_;
  bool renumbered_ = false;
  bool own_facts_ = false;
  internal::TripFacts facts_;  // with own_facts_: the current state's
};

// The indicators of the current state kept as flat per-matter facts, so that
// a month's weighted indicators are one pass over arrays (indicators() reads
// every Matter); the same sums as indicators(), which the tests compare with.
class IndicatorFacts {
 public:
  explicit IndicatorFacts(const Catalog& c) { rebuild(c); }

  void update(const Chain& chain) {
    if (chain.renumbered()) {
      rebuild(chain.current());
      return;
    }
    for (MatterIndex j : chain.last_changed()) set(chain.current().matters()[j], j);
  }

  // `situations` (in matter order): the matters weighed by their situations, each at its own trips.
  absl::StatusOr<Indicators> of(const CatalogEvaluation& e, absl::Span<const double> w,
                                absl::Span<const internal::SituationFigures> situations = {}) const {
    return sum(e, w, nullptr, nullptr, situations);
  }

  // The same, counting only the matters and bundles in force (a day's view);
  // w is zero for the others.
  absl::StatusOr<Indicators> of_in_force(const CatalogEvaluation& e, absl::Span<const double> w,
                                         const std::vector<uint8_t>& matters_in, const std::vector<uint8_t>& bundles_in,
                                         absl::Span<const internal::SituationFigures> situations = {}) const {
    if (matters_in.size() != w.size() || bundles_in.size() != e.bundle_trips.size()) {
      return absl::InternalError("roadmap: indicators out of step");
    }
    return sum(e, w, &matters_in, &bundles_in, situations);
  }

 private:
  absl::StatusOr<Indicators> sum(const CatalogEvaluation& e, absl::Span<const double> w,
                                 const std::vector<uint8_t>* matters_in, const std::vector<uint8_t>* bundles_in,
                                 absl::Span<const internal::SituationFigures> situations) const {
    const size_t n = immediate_.size();
    if (w.size() != n || e.matter_trips.size() != n) return absl::InternalError("roadmap: indicators out of step");
    internal::IndicatorSums sums;
    size_t counted = 0;
    auto weighed = situations.begin();
    for (size_t i = 0; i < n; ++i) {
      if (matters_in && !(*matters_in)[i]) continue;
      ++counted;
      while (weighed != situations.end() && weighed->matter < i) ++weighed;
      if (weighed != situations.end() && weighed->matter == i) {
        for (; weighed != situations.end() && weighed->matter == i; ++weighed) {
          sums.add(weighed->weight, weighed->trips, weighed->worst_case, immediate_[i], has_ratio_[i], ratio_[i],
                   weighed->trips);
        }
        continue;
      }
      sums.add(w[i], e.matter_trips[i], e.matter_worst_case[i], immediate_[i], has_ratio_[i], ratio_[i]);
    }
    if (!bundles_in) return sums.finish(counted, e.bundle_trips, /*weighted=*/true);
    std::vector<int32_t> bundle_trips;
    for (size_t b = 0; b < bundles_in->size(); ++b) {
      if ((*bundles_in)[b]) bundle_trips.push_back(e.bundle_trips[b]);
    }
    return sums.finish(counted, bundle_trips, /*weighted=*/true);
  }

  void rebuild(const Catalog& c) {
    const size_t n = c.matters().size();
    immediate_.assign(n, 0);
    has_ratio_.assign(n, 0);
    ratio_.assign(n, 0.0);
    for (size_t j = 0; j < n; ++j) set(c.matters()[j], j);
  }
  void set(const Matter& m, size_t j) {
    immediate_[j] = m.project_type == ProjectType::kImmediate;
    has_ratio_[j] = m.project_type == ProjectType::kPromised && m.legal_limit && m.legal_limit->value > 0 &&
                    m.legal_limit->unit == m.promised_limit.unit;
    ratio_[j] = has_ratio_[j] ? static_cast<double>(m.promised_limit.value) / m.legal_limit->value : 0.0;
  }

  std::vector<uint8_t> immediate_, has_ratio_;
  std::vector<double> ratio_;
};

// Weights of the current state from weights over the first state's items.
std::vector<double> weights_now(const Chain& chain, const Weights& w, const std::vector<uint8_t>* in_force) {
  std::vector<double> out(chain.current().matters().size(), 0.0);
  for (size_t i = 0; i < w.matters.size(); ++i) {
    const int64_t j = chain.matter_now(i);
    if (j >= 0 && (!in_force || (*in_force)[i])) out[static_cast<size_t>(j)] = w.matters[i];
  }
  return out;
}

// The matters of a catalogue with a validity period of their own, read once:
// a month's in-force flags are then set for those only.
struct MatterPeriods {
  explicit MatterPeriods(const Catalog& c) : count(c.matters().size()) {
    for (size_t i = 0; i < count; ++i) {
      const Matter& m = c.matters()[i];
      if (m.effective_from || m.effective_until) dated.emplace_back(i, Validity{m.effective_from, m.effective_until});
    }
  }
  std::vector<uint8_t> in_force_flags(Date month) const {
    std::vector<uint8_t> out(count, 1);
    for (const auto& [i, v] : dated) out[i] = in_force_during(v, month);
    return out;
  }
  size_t count;
  std::vector<std::pair<size_t, Validity>> dated;
};
std::vector<uint8_t> bundle_flags(const Catalog& c, Date month) {
  std::vector<uint8_t> out(c.bundles().size());
  for (size_t b = 0; b < out.size(); ++b) out[b] = in_force_during(c.bundles()[b].validity, month);
  return out;
}

void finish_month(RoadmapMonth& m) {
  for (const ReformMonth& r : m.reforms) {
    m.trips_saved += r.trips_saved;
    m.worst_case_saved += r.worst_case_saved;
    m.windows_saved += r.windows_saved;
    m.days_saved += r.days_saved;
  }
}

// The catalogue's own validity periods as dated changes of the roadmap
// (docs/reforms-format.md): each day inside the roadmap on which something of
// a matter or bundle starts or stops holding is a change, beside the reforms.

struct PeriodChange {
  Date day;  // the first day the change holds (an end: the day after the last)
  bool bundle = false;
  std::string id;     // matter code or bundle id
  std::string label;  // "period: 330281-GA-09 fee until 2017-07-31"
};

// The changes of `c`'s periods on the days d with after < d <= last, by day
// (then matters before bundles, in catalogue order); one per day and item.
std::vector<PeriodChange> period_changes(const Catalog& c, Date after, Date last) {
  std::vector<PeriodChange> out;
  const auto collect = [&](bool bundle, const std::string& id,
                           const std::vector<std::pair<std::string, Validity>>& dated) {
    std::map<Date, std::vector<std::string>> by_day;
    for (const auto& [what, v] : dated) {
      if (v.from && after < *v.from && *v.from <= last) {
        by_day[*v.from].push_back(absl::StrCat(what, " from ", format_date(*v.from)));
      }
      if (v.until && after <= *v.until && *v.until < last) {
        by_day[*v.until + boost::gregorian::days(1)].push_back(absl::StrCat(what, " until ", format_date(*v.until)));
      }
    }
    for (auto& [day, parts] : by_day) {
      out.push_back(PeriodChange{
          day, bundle, id, absl::StrCat("period: ", bundle ? "bundle " : "", id, " ", absl::StrJoin(parts, ", "))});
    }
  };
  for (const Matter& m : c.matters()) {
    if (!internal::matter_dated(m)) continue;
    std::vector<std::pair<std::string, Validity>> dated;
    dated.emplace_back("in force", Validity{m.effective_from, m.effective_until});
    for (const MaterialUse& u : m.materials) {
      if (u.validity.dated()) dated.emplace_back(absl::StrCat("material ", c.materials()[u.material].id), u.validity);
    }
    for (const FieldPeriod& p : m.periods) dated.emplace_back(to_string(p.field), p.validity);
    collect(false, m.code, dated);
  }
  for (const Bundle& b : c.bundles()) {
    if (b.validity.dated()) collect(true, b.id, {{"offered", b.validity}});
  }
  std::stable_sort(out.begin(), out.end(), [](const PeriodChange& a, const PeriodChange& b) { return a.day < b.day; });
  return out;
}

// The catalogue in force on a day, seen from the reformed one (R, the
// roadmap's chain of reforms) and numbered as R: each matter in force as it
// holds that day (internal::matter_on_day), a bundle without its members not
// in force; a matter or bundle not in force stays, marked, and counts in no
// figure (Catalog::as_of leaves it out). Each new view is derived from the
// previous one by internal::derive, replacing only what changed, so that the
// roadmap's chain evaluates only that again.
class DayView {
 public:
  // The whole view of `r` on `day`.
  static absl::StatusOr<DayView> of(const Catalog& r, Date day) {
    DayView v(r, day);
    std::vector<MatterIndex> all(r.matters().size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<MatterIndex>(i);
    v.matter_in_.assign(all.size(), 1);
    v.bundle_in_.assign(r.bundles().size(), 1);
    if (absl::Status s = v.update(r, all, {}, /*every_bundle=*/true, /*materials_changed=*/false); !s.ok()) return s;
    return v;
  }

  const Catalog& catalog() const { return view_; }
  Date day() const { return day_; }
  // By the numbering of R (and of the view).
  const std::vector<uint8_t>& matters_in_force() const { return matter_in_; }
  const std::vector<uint8_t>& bundles_in_force() const { return bundle_in_; }
  bool any_out() const { return out_ > 0; }

  // After `r_next`, derived from the R of this view by a reform that kept the
  // numbering: the view on the reform's day (no period changes in between).
  absl::Status reformed(const Catalog& r_next, Date day) {
    day_ = std::max(day_, day);
    const internal::Provenance& p = r_next.internals().provenance;
    return update(r_next, p.changed_matters, {}, p.bundles_changed, p.materials_changed);
  }

  // The view of `r` on `change.day`, where only the change's item moves.
  // The view of `r` on `day`, where only the items of `changes` (all of that day) move: one step.
  absl::Status moved(const Catalog& r, Date day, absl::Span<const PeriodChange* const> changes) {
    day_ = day;
    std::vector<MatterIndex> matters;
    std::vector<BundleIndex> bundles;
    for (const PeriodChange* change : changes) {
      if (change->bundle) {
        if (auto b = r.find_bundle(change->id)) bundles.push_back(*b);
      } else if (auto i = r.find_matter(change->id)) {
        matters.push_back(*i);
      }
    }
    return update(r, matters, std::move(bundles), false, false);
  }

 private:
  DayView(const Catalog& r, Date day) : view_(r), day_(day) {}

  absl::Status update(const Catalog& r, const std::vector<MatterIndex>& touched, std::vector<BundleIndex> bundles,
                      bool every_bundle, bool materials_changed) {
    const auto& rm = r.internals().matters;
    const auto& rb = *r.internals().bundles;
    if (every_bundle || members_of_.empty()) index_members(r);
    const internal::MatterTable& now = view_.internals().matters;
    internal::MatterTable matters = now;  // the view's (a chunk copied on its first change)
    std::vector<MatterIndex> changed;
    // The view was R's predecessor (a reform of the view made r): when r holds
    // whole on the day, r is the view, with no copy of its matters.
    const bool from_r = identity_ && &r.internals() != &view_.internals();
    // Each touched matter as the view has it: null when as r has it.
    std::vector<std::pair<MatterIndex, std::shared_ptr<const Matter>>> viewed;
    bool seen_otherwise = false;  // a touched matter of r is not as r has it that day
    for (MatterIndex i : touched) {
      const bool was = matter_in_[i];
      const bool in = Catalog::in_force(*rm[i], day_);
      std::shared_ptr<const Matter> m;
      if (in) m = internal::matter_on_day(*rm[i], day_);
      seen_otherwise = seen_otherwise || m != nullptr;
      viewed.emplace_back(i, std::move(m));
      if (was != in) {
        matter_in_[i] = in;
        out_ += in ? -1 : 1;
        for (uint32_t k = member_offsets_[i]; k < member_offsets_[i + 1]; ++k) bundles.push_back(members_of_[k]);
      }
    }
    if (every_bundle) {
      bundles.resize(rb.size());
      for (BundleIndex b = 0; b < rb.size(); ++b) bundles[b] = b;
    }
    if (from_r && !seen_otherwise && out_ == 0 &&
        std::all_of(bundles.begin(), bundles.end(), [&](BundleIndex b) { return holds_on(rb[b].validity); })) {
      view_ = r;
      return absl::OkStatus();
    }
    for (auto& [i, m] : viewed) {
      if ((m ? m.get() : rm[i]) == now[i]) continue;
      matters.set(i, m ? std::move(m) : rm.shared(i));
      changed.push_back(i);
    }
    std::sort(bundles.begin(), bundles.end());
    bundles.erase(std::unique(bundles.begin(), bundles.end()), bundles.end());
    std::shared_ptr<std::vector<Bundle>> table;          // the view's, copied when a bundle changes
    std::vector<BundleIndex> changed_bundles, replaced;  // to check again; differing from the view's
    const auto& view_bundles = *view_.internals().bundles;
    const auto matter_now = [&](MatterIndex i) -> const Matter* { return matters[i]; };
    for (BundleIndex b : bundles) {
      const Bundle& from = rb[b];
      const bool any_in =
          std::any_of(from.members.begin(), from.members.end(), [&](MatterIndex i) { return matter_in_[i] != 0; });
      const bool all_in =
          std::all_of(from.members.begin(), from.members.end(), [&](MatterIndex i) { return matter_in_[i] != 0; });
      const bool in = holds_on(from.validity) && any_in;
      if (in != static_cast<bool>(bundle_in_[b])) {
        out_ += in ? -1 : 1;
        bundle_in_[b] = in;
      }
      std::optional<Bundle> kept;
      if (in && !all_in) {
        kept = internal::bundle_renumbered(
            from, [&](MatterIndex i) { return matter_in_[i] ? static_cast<int64_t>(i) : int64_t{-1}; },
            [&](MatterIndex i) { return rm[i]; }, matter_now);
      }
      const Bundle& want = kept ? *kept : from;
      // Every bundle anew (R's table): only an edited one differs from R's.
      const bool differs = kept || (!every_bundle && !(view_bundles[b].fields() == want.fields()));
      if (!differs) continue;
      if (!table) table = std::make_shared<std::vector<Bundle>>(every_bundle ? rb : view_bundles);
      (*table)[b] = want;
      replaced.push_back(b);
      if (kept) changed_bundles.push_back(b);
    }
    const bool same = &r.internals() == &view_.internals();  // the view is R itself
    if (identity_ && changed.empty() && changed_bundles.empty() && out_ == 0) {
      view_ = r;  // nothing differs from R: the view is R (and R's next reform derives from it)
      return absl::OkStatus();
    }
    if (same && changed.empty() && !table && !materials_changed) return absl::OkStatus();
    internal::Derivation d;
    d.matters = std::move(matters);
    if (identity_ && !same) {  // the view is R's predecessor: R's changes are the view's too
      for (MatterIndex i : touched) {
        if (d.matters[i] == now[i] && now[i] != rm[i]) d.matters.set(i, rm.shared(i));
      }
      changed.insert(changed.end(), touched.begin(), touched.end());
      std::sort(changed.begin(), changed.end());
      changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    }
    d.changed_matters = std::move(changed);
    if (materials_changed) {
      d.materials.assign(r.materials().begin(), r.materials().end());
      d.materials_changed = true;
    }
    if (table) {
      d.bundles = std::move(table);
      if (!every_bundle) d.bundles_replaced = std::move(replaced);  // else R's table: any may differ from the view's
    } else if (every_bundle && !same) {
      d.bundles = r.internals().bundles;
    }
    d.changed_bundles = std::move(changed_bundles);
    auto next = internal::derive(view_, std::move(d), nullptr);
    if (!next.ok()) return next.status();
    view_ = *std::move(next);
    identity_ = false;
    return absl::OkStatus();
  }

  bool holds_on(const Validity& v) const { return v.holds(day_); }

  // The bundles each matter of R belongs to.
  void index_members(const Catalog& r) { bundles_of_matters(r, member_offsets_, members_of_); }

  Catalog view_;
  Date day_;
  bool identity_ = true;  // view_ is R itself
  std::vector<uint8_t> matter_in_, bundle_in_;
  int64_t out_ = 0;  // matters and bundles not in force
  std::vector<uint32_t> member_offsets_, members_of_;
};

// The dated changes of a roadmap in the order they apply: the dated reforms
// and the catalogue's own period changes by day, on one day the periods first.
struct Change {
  Date day;
  bool reform = false;
  size_t index = 0;  // in Ordered::dated, or in the period changes
};
std::vector<Change> changes_in_order(const Ordered& ordered, const std::vector<PeriodChange>& periods) {
  std::vector<Change> out;
  for (size_t k = 0; k < ordered.dated.size(); ++k) out.push_back({*ordered.dated[k].first->effective_from, true, k});
  for (size_t g = 0; g < periods.size(); ++g) out.push_back({periods[g].day, false, g});
  std::stable_sort(out.begin(), out.end(), [](const Change& a, const Change& b) {
    return a.day < b.day || (a.day == b.day && !a.reform && b.reform);
  });
  return out;
}
std::vector<RoadmapReform> rows_of(const Scenario& scenario, const Ordered& ordered,
                                   const std::vector<PeriodChange>& periods, const std::vector<Change>& changes) {
  std::vector<RoadmapReform> out;
  for (const Change& c : changes) {
    RoadmapReform r;
    r.effective_from = c.day;
    if (c.reform) {
      r.position = ordered.dated_positions[c.index];
      r.label = label_of(*ordered.dated[c.index].first);
    } else {
      r.position = scenario.reforms.size() + c.index;
      r.label = periods[c.index].label;
      r.period = true;
    }
    out.push_back(std::move(r));
  }
  return out;
}

// Whether item f of the first state is in force in the view (gone: not).
bool matter_in_view(const Chain& chain, const DayView& view, size_t f) {
  const int64_t j = chain.matter_now(f);
  return j >= 0 && view.matters_in_force()[static_cast<size_t>(j)];
}
bool bundle_in_view(const Chain& chain, const DayView& view, size_t b) {
  const int64_t j = chain.bundle_now(b);
  return j >= 0 && view.bundles_in_force()[static_cast<size_t>(j)];
}
// A change saves only on what is in force on both sides of it (a matter
// absorbed by a reform counts: its cases ride on another): the others' deltas go.
// before(f) / after(f): item f of the first state in force in the view before / after the change.
template <class Before, class After, class Now>
void keep_in_force(std::vector<Delta>& deltas, Before before, After after, Now now) {
  deltas.erase(std::remove_if(deltas.begin(), deltas.end(),
                              [&](const Delta& d) { return !before(d.item) || (now(d.item) >= 0 && !after(d.item)); }),
               deltas.end());
}

// What was in force in the view before a step, read for the items the step
// changed only: the view's flags and the chain's numbering as they were (a
// copy of a byte per item, not a pass over the items per step).
struct InForceBefore {
  bool all = true;  // nothing was out
  std::vector<uint8_t> matters, bundles;
  std::vector<int64_t> matter_now, bundle_now;  // the chain's numbering then; empty: the first state's
  static bool in(size_t f, const std::vector<int64_t>& now, const std::vector<uint8_t>& flags) {
    const int64_t j = now.empty() ? static_cast<int64_t>(f) : now[f];
    return j >= 0 && flags[static_cast<size_t>(j)] != 0;
  }
  bool matter(size_t f) const { return all || in(f, matter_now, matters); }
  bool bundle(size_t b) const { return all || in(b, bundle_now, bundles); }
};

// The deltas of one day's period changes, all in row `from`'s lists, shared
// out among rows [from, to): a matter's to the row of that matter, a bundle's
// to the row of that bundle, else of its first member with a row, else the first.
void share_out(const Catalog& first, const std::vector<PeriodChange>& periods, const std::vector<Change>& changes,
               size_t from, size_t to, std::vector<std::vector<Delta>>& matter_deltas,
               std::vector<std::vector<Delta>>& bundle_deltas) {
  absl::flat_hash_map<uint32_t, size_t> matter_row, bundle_row;
  for (size_t k = from; k < to; ++k) {
    const PeriodChange& p = periods[changes[k].index];
    if (p.bundle) {
      if (auto b = first.find_bundle(p.id)) bundle_row.emplace(*b, k);
    } else if (auto i = first.find_matter(p.id)) {
      matter_row.emplace(*i, k);
    }
  }
  std::vector<Delta> matters = std::move(matter_deltas[from]), bundles = std::move(bundle_deltas[from]);
  matter_deltas[from].clear();
  bundle_deltas[from].clear();
  for (const Delta& d : matters) {
    auto it = matter_row.find(d.item);
    matter_deltas[it == matter_row.end() ? from : it->second].push_back(d);
  }
  for (const Delta& d : bundles) {
    size_t row = from;
    if (auto it = bundle_row.find(d.item); it != bundle_row.end()) {
      row = it->second;
    } else {
      for (MatterIndex m : first.bundles()[d.item].members) {
        if (auto r = matter_row.find(m); r != matter_row.end()) {
          row = r->second;
          break;
        }
      }
    }
    bundle_deltas[row].push_back(d);
  }
}

}  // namespace

absl::StatusOr<Catalog> as_of(const Catalog& base, const Scenario& scenario, Date day, std::vector<Problem>* problems) {
  if (day.is_special()) return absl::InvalidArgumentError("as_of: not a date");
  const Ordered ordered = order_reforms(scenario);
  size_t k = 0;
  while (k < ordered.dated.size() && *ordered.dated[k].first->effective_from <= day) ++k;
  auto reformed = state_after(base, ordered, k, problems);
  if (!reformed.ok()) return reformed.status();
  return reformed->as_of(day);
}

absl::StatusOr<Roadmap> roadmap(const Catalog& base, const Scenario& scenario, const Calendar& calendar,
                                const RoadmapOptions& options, const MonthlyVolumes& volumes,
                                std::vector<Problem>* problems_out) {
  Problems problems;
  const Months months = check_inputs(base, scenario, calendar, options, volumes, problems);
  const Ordered ordered = order_reforms(scenario);
  const auto fail = [&]() -> absl::Status {
    if (problems_out) problems.append_to(*problems_out);
    return problems.to_status("roadmap");
  };
  if (!problems.empty()) return fail();

  // The first state: the base with the undated reforms (R, which the dated
  // reforms change), seen on the first day of the first month.
  std::optional<Catalog> reformed;
  if (ordered.undated.empty()) {
    reformed = base;
  } else {
    auto c = internal::apply_placed(base, ordered.undated, problems_out);
    if (!c.ok()) return c.status();
    reformed = *std::move(c);
  }
  const Date first_day = months.firsts.front();
  const std::vector<PeriodChange> periods = period_changes(*reformed, first_day, months.firsts.back().end_of_month());
  auto view = DayView::of(*reformed, first_day);
  if (!view.ok()) return view.status();
  auto e0 = evaluate_catalog(view->catalog());
  if (!e0.ok()) return e0.status();
  const CatalogEvaluation first_evaluation = *e0;  // for the indicators before any dated change
  // Situation volumes: each situation's figures on the current state, and what each reform changed of them.
  const SituationWeights situations = situation_weights(view->catalog(), volumes);
  Chain chain(view->catalog(), *std::move(e0), /*own_facts=*/situations.situated.empty());
  std::shared_ptr<const internal::TargetIndex> target_index;  // shared along the chain while numbered alike
  IndicatorFacts indicator_facts(chain.first());
  auto figures0 = all_situation_figures(chain.first(), situations);
  if (!figures0.ok()) return figures0.status();
  const std::vector<Figures> first_figures = *figures0;
  std::vector<Figures> current_figures = *std::move(figures0);
  const bool first_out = view->any_out();
  const std::vector<uint8_t> first_matters_in = view->matters_in_force(), first_bundles_in = view->bundles_in_force();

  Roadmap out;
  const std::vector<Change> changes = changes_in_order(ordered, periods);
  out.reforms = rows_of(scenario, ordered, periods, changes);
  const size_t k_all = changes.size();
  std::vector<std::vector<Delta>> matter_deltas(k_all), bundle_deltas(k_all);
  std::vector<std::vector<Figures>> situation_before(k_all), situation_after(k_all);
  size_t applied = 0;
  const bool validity = any_validity(chain.first());
  std::optional<MatterPeriods> first_periods;
  if (validity) first_periods.emplace(chain.first());
  const Volumes* weights_for = nullptr;
  Weights weights;
  bool have_weights = false;
  for (size_t mi = 0; mi < months.firsts.size(); ++mi) {
    const Date month = months.firsts[mi];
    const Date end = month.end_of_month();
    // The states of the month: every change dated up to its last day.
    while (applied < k_all && changes[applied].day <= end) {
      const Change& change = changes[applied];
      size_t last = applied + 1;           // the changes taken in this step: [applied, last)
      const bool watch = view->any_out();  // something not in force: deltas filtered
      InForceBefore before;
      if (watch) {
        before.all = false;
        before.matters = view->matters_in_force();
        before.bundles = view->bundles_in_force();
        chain.numbering(before.matter_now, before.bundle_now);
      }
      if (change.reform) {
        std::vector<Problem> found;
        const PlacedReform& placed = ordered.dated[change.index];
        const size_t matters_before_count = reformed->matters().size();
        auto next = internal::apply_placed(*reformed, absl::MakeConstSpan(&placed, 1), &found, &target_index);
        if (!next.ok()) {
          const std::string when = format_date(change.day);
          if (found.empty()) found.push_back(Problem{placed.second, std::string(next.status().message())});
          for (const Problem& p : found) {
            problems.add(p.path, absl::StrFormat("%s (on the catalogue in force on %s)", p.message, when));
          }
          return fail();
        }
        const bool renumbered = next->matters().size() != matters_before_count ||
                                next->internals().provenance.base.lock().get() != &reformed->internals();
        if (renumbered) target_index.reset();  // index anew
        absl::Status viewed;
        if (renumbered) {
          auto anew = DayView::of(*next, std::max(view->day(), change.day));
          viewed = anew.status();
          if (anew.ok()) *view = *std::move(anew);
        } else {
          viewed = view->reformed(*next, change.day);
        }
        if (!viewed.ok()) return viewed;
        reformed = *std::move(next);
      } else {
        // The period changes of one day in one step (a step costs a pass over
        // the matters' pointers), their deltas then shared out among their rows.
        while (last < k_all && !changes[last].reform && changes[last].day == change.day) ++last;
        std::vector<const PeriodChange*> batch;
        for (size_t k = applied; k < last; ++k) batch.push_back(&periods[changes[k].index]);
        absl::Status viewed = view->moved(*reformed, change.day, batch);
        if (!viewed.ok()) return viewed;
      }
      absl::Status stepped = chain.step(view->catalog(), matter_deltas[applied], bundle_deltas[applied]);
      if (!stepped.ok()) return stepped;
      if (watch || view->any_out()) {
        keep_in_force(
            matter_deltas[applied], [&](size_t f) { return before.matter(f); },
            [&](size_t f) { return matter_in_view(chain, *view, f); }, [&](size_t f) { return chain.matter_now(f); });
        keep_in_force(
            bundle_deltas[applied], [&](size_t b) { return before.bundle(b); },
            [&](size_t b) { return bundle_in_view(chain, *view, b); }, [&](size_t b) { return chain.bundle_now(b); });
      }
      if (last > applied + 1) share_out(chain.first(), periods, changes, applied, last, matter_deltas, bundle_deltas);
      indicator_facts.update(chain);
      if (!situations.situated.empty()) {
        // A step's situation figures are the first row's of the step (period
        // changes of one day are one step).
        auto after = all_situation_figures(chain.current(), situations);
        if (!after.ok()) return after.status();
        situation_before[applied] = current_figures;
        situation_after[applied] = *after;
        current_figures = *std::move(after);
      }
      for (size_t k = applied; k < last; ++k) {
        out.reforms[k].matters_changed = static_cast<int32_t>(matter_deltas[k].size());
        out.reforms[k].bundles_changed = static_cast<int32_t>(bundle_deltas[k].size());
      }
      applied = last;
    }
    const Volumes* v = volumes_of(volumes, month);
    if (!have_weights || v != weights_for) {
      weights = weights_of(chain.first(), v);
      add_situation_cases(situations, weights);
      weights_for = v;
      have_weights = true;
    }
    std::vector<uint8_t> in_force;
    std::vector<uint8_t> bundles_in_force;
    if (validity) in_force = first_periods->in_force_flags(month);
    if (validity) bundles_in_force = bundle_flags(chain.first(), month);
    const std::vector<uint8_t>* flags = validity ? &in_force : nullptr;
    const std::vector<uint8_t>* bundle_flags_now = validity ? &bundles_in_force : nullptr;

    RoadmapMonth m;
    m.month = month;
    m.workdays = months.workdays[mi];
    m.volume_weighted = weights.weighted;
    for (size_t i = 0; i < weights.matters.size(); ++i) {
      if (!flags || (*flags)[i]) m.volume += weights.matters[i];
    }
    m.reforms.resize(k_all);
    for (size_t k = 0; k < applied; ++k) {
      auto share = share_from(calendar, out.reforms[k].effective_from, month, m.workdays);
      if (!share.ok()) return share.status();
      m.reforms[k].share_in_force = *share;
      if (*share <= 0) continue;
      add_savings(matter_deltas[k], bundle_deltas[k], weights, flags, bundle_flags_now, *share, situations.weighed,
                  m.reforms[k]);
      for (size_t x = 0; x < situation_before[k].size(); ++x) {
        const Situated& at = situations.situated[x];
        if (flags && !(*flags)[at.item]) continue;
        add_saved(m.reforms[k], situations.weight(at, weights) * *share, situation_before[k][x], situation_after[k][x]);
      }
    }
    finish_month(m);
    const std::vector<double> w = weights_now(chain, weights, flags);
    const auto now_figures =
        indicator_figures(situations, current_figures, w, [&](uint32_t i) { return chain.matter_now(i); });
    auto ind = view->any_out() ? indicator_facts.of_in_force(chain.evaluation(), w, view->matters_in_force(),
                                                             view->bundles_in_force(), now_figures)
                               : indicator_facts.of(chain.evaluation(), w, now_figures);
    if (!ind.ok()) return ind.status();
    m.indicators = *ind;
    if (mi == 0) {
      std::vector<double> w_first = weights.matters;
      if (flags) {
        for (size_t i = 0; i < w_first.size(); ++i) w_first[i] *= (*flags)[i];
      }
      const auto first_situation_figures =
          indicator_figures(situations, first_figures, w_first, [](uint32_t i) { return static_cast<int64_t>(i); });
      auto before =
          first_out
              ? IndicatorFacts(chain.first())
                    .of_in_force(first_evaluation, w_first, first_matters_in, first_bundles_in, first_situation_figures)
              : internal::indicators_by_situation(chain.first(), first_evaluation, w_first, first_situation_figures);
      if (!before.ok()) return before.status();
      out.before = *before;
    }
    out.months.push_back(std::move(m));
  }
  return out;
}

absl::StatusOr<Roadmap> roadmap_by_reapplying(const Catalog& base, const Scenario& scenario, const Calendar& calendar,
                                              const RoadmapOptions& options, const MonthlyVolumes& volumes) {
  Problems problems;
  const Months months = check_inputs(base, scenario, calendar, options, volumes, problems);
  if (!problems.empty()) return problems.to_status("roadmap");
  const Ordered ordered = order_reforms(scenario);
  // Each change's catalogue the plain way: the reforms applied anew (R), then
  // the catalogue in force on the change's day (Catalog::as_of), evaluated whole.
  // The period changes of one day are thus taken together: their savings are
  // all on the day's first (roadmap() has them item by item).
  struct State {
    Catalog reformed;
    Catalog catalog;
    CatalogEvaluation evaluation;
  };
  const auto evaluated = [](absl::StatusOr<Catalog> r, Date day) -> absl::StatusOr<State> {
    if (!r.ok()) return r.status();
    auto c = r->as_of(day);
    if (!c.ok()) return c.status();
    auto e = evaluate_catalog(*c);
    if (!e.ok()) return e.status();
    return State{*std::move(r), *std::move(c), *std::move(e)};
  };
  const Date first_day = months.firsts.front();
  auto first = evaluated(state_after(base, ordered, 0, nullptr), first_day);
  if (!first.ok()) return first.status();
  const std::vector<PeriodChange> periods =
      period_changes(first->reformed, first_day, months.firsts.back().end_of_month());
  const std::vector<Change> changes = changes_in_order(ordered, periods);
  Roadmap out;
  out.reforms = rows_of(scenario, ordered, periods, changes);
  const Catalog& c0 = first->reformed;
  const bool validity = any_validity(c0);
  const SituationWeights situations = situation_weights(c0, volumes);
  const bool cases_given = !situations.shares && !situations.situated.empty();
  const auto situation_cases = [&](const std::string& code) {
    double sum = 0;
    for (const Situated& x : situations.situated) sum += x.volume->matter == code ? x.volume->volume : 0.0;
    return sum;
  };
  for (size_t mi = 0; mi < months.firsts.size(); ++mi) {
    const Date month = months.firsts[mi];
    const Date end = month.end_of_month();
    const Volumes* v = volumes_of(volumes, month);
    RoadmapMonth m;
    m.month = month;
    m.workdays = months.workdays[mi];
    m.volume_weighted = v != nullptr || (!situations.shares && !situations.situated.empty());
    m.reforms.resize(changes.size());
    std::optional<State> previous;
    auto s0 = evaluated(state_after(base, ordered, 0, nullptr), first_day);
    if (!s0.ok()) return s0.status();
    previous = *std::move(s0);
    const auto weight = [&](const std::string& code) {
      const Matter& matter = c0.matters()[*c0.find_matter(code)];
      if (validity && !in_force_during(matter, month)) return 0.0;
      if (!situations.shares && situations.weighed[*c0.find_matter(code)]) return situation_cases(code);
      if (!v) return cases_given ? 0.0 : 1.0;
      auto it = v->matters.find(code);
      return it == v->matters.end() ? 0.0 : it->second;
    };
    const auto bundle_weight = [&](const std::string& id) {
      if (validity && !in_force_during(c0.bundles()[*c0.find_bundle(id)].validity, month)) return 0.0;
      if (!v) return cases_given ? 0.0 : 1.0;
      auto it = v->bundles.find(id);
      return it == v->bundles.end() ? 0.0 : it->second;
    };
    for (const Matter& matter : c0.matters()) m.volume += weight(matter.code);
    for (size_t k = 0; k < changes.size() && changes[k].day <= end; ++k) {
      const Change& change = changes[k];
      const Date day = std::max(change.day, first_day);
      auto s = change.reform
                   ? evaluated(internal::apply_placed(previous->reformed,
                                                      absl::MakeConstSpan(&ordered.dated[change.index], 1), nullptr),
                               day)
                   : evaluated(previous->reformed, day);
      if (!s.ok()) return s.status();
      auto share = share_from(calendar, change.day, month, m.workdays);
      if (!share.ok()) return share.status();
      ReformMonth& r = m.reforms[k];
      r.share_in_force = *share;
      // What is in force on both sides saves; what a reform took away (absorbed) saves all it had.
      for (const Matter& matter : c0.matters()) {
        if (situations.weighed[*c0.find_matter(matter.code)]) continue;  // by its situations, below
        auto before = previous->catalog.find_matter(matter.code);
        if (!before) continue;
        auto after = s->catalog.find_matter(matter.code);
        if (!after && s->reformed.find_matter(matter.code)) continue;  // no longer in force
        add_saved(r, weight(matter.code) * *share, matter_figures(previous->evaluation, *before),
                  after ? matter_figures(s->evaluation, *after) : Figures{});
      }
      for (const Situated& x : situations.situated) {
        const double whole = weight(x.volume->matter);
        if (whole <= 0) continue;  // not in force this month
        // In force on both sides, as the matters above: what a reform took away saves all it had.
        if (!previous->catalog.find_matter(x.volume->matter)) continue;
        if (!s->catalog.find_matter(x.volume->matter) && s->reformed.find_matter(x.volume->matter)) continue;
        auto a = situation_figures(previous->catalog, *x.volume);
        auto b = situation_figures(s->catalog, *x.volume);
        if (!a.ok()) return a.status();
        if (!b.ok()) return b.status();
        add_saved(r, (situations.shares ? whole * x.volume->volume : x.volume->volume) * *share, *a, *b);
      }
      for (const Bundle& bundle : c0.bundles()) {
        auto before = previous->catalog.find_bundle(bundle.id);
        if (!before) continue;
        auto after = s->catalog.find_bundle(bundle.id);
        if (!after && s->reformed.find_bundle(bundle.id)) continue;
        add_saved(r, bundle_weight(bundle.id) * *share, bundle_figures(previous->evaluation, *before),
                  after ? bundle_figures(s->evaluation, *after) : Figures{});
      }
      previous = *std::move(s);
    }
    finish_month(m);
    std::vector<double> w(previous->catalog.matters().size(), 0.0);
    for (size_t j = 0; j < w.size(); ++j) {
      const std::string& code = previous->catalog.matters()[j].code;
      if (c0.find_matter(code)) w[j] = weight(code);
    }
    const auto figures_in = [&](const Catalog& c, absl::Span<const double> weights) {
      auto all = all_situation_figures(c, situations);
      if (!all.ok()) return absl::StatusOr<std::vector<internal::SituationFigures>>(all.status());
      return absl::StatusOr<std::vector<internal::SituationFigures>>(
          indicator_figures(situations, *all, weights, [&](uint32_t i) {
            auto j = c.find_matter(c0.matters()[i].code);
            return j ? static_cast<int64_t>(*j) : int64_t{-1};
          }));
    };
    auto now_figures = figures_in(previous->catalog, w);
    if (!now_figures.ok()) return now_figures.status();
    auto ind = internal::indicators_by_situation(previous->catalog, previous->evaluation, w, *now_figures);
    if (!ind.ok()) return ind.status();
    m.indicators = *ind;
    if (mi == 0) {
      std::vector<double> w0(first->catalog.matters().size());
      for (size_t j = 0; j < w0.size(); ++j) w0[j] = weight(first->catalog.matters()[j].code);
      auto first_figures = figures_in(first->catalog, w0);
      if (!first_figures.ok()) return first_figures.status();
      auto before = internal::indicators_by_situation(first->catalog, first->evaluation, w0, *first_figures);
      if (!before.ok()) return before.status();
      out.before = *before;
    }
    out.months.push_back(std::move(m));
  }
  return out;
}

}  // namespace onetrip
