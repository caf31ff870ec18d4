#include "onetrip/compare.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "csv.hpp"
#include "diff_internal.hpp"
#include "indicators_internal.hpp"
#include "onetrip/diff.hpp"
#include "onetrip/notice.hpp"
#include "onetrip/roadmap.hpp"
#include "onetrip/schedule.hpp"
#include "onetrip/trips.hpp"
#include "parallel.hpp"
#include "text_support.hpp"

namespace onetrip {

namespace {

using internal::Problems;

std::string line_path(size_t line) { return absl::StrCat("line ", line); }

// A CSV field without the blanks around it (hand-written files have them).
std::string trimmed(std::string_view field) {
  return std::string(absl::StripAsciiWhitespace(absl::string_view(field.data(), field.size())));
}

// A number of cases: a finite, non-negative decimal ("12", "3.5"); why not
// otherwise. No sign, exponent, hexadecimal, inf or nan, and not blank.
absl::StatusOr<double> parse_volume(std::string_view text) {
  const size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view frac = dot == text.npos ? std::string_view() : text.substr(dot + 1);
  const auto digits = [](std::string_view t) {
    return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return absl::ascii_isdigit(c); });
  };
  if (text.empty()) return absl::InvalidArgumentError("blank: give a number of cases (0 for none)");
  if (!digits(whole) || (dot != text.npos && !digits(frac))) {
    return absl::InvalidArgumentError(
        absl::StrFormat("\"%s\" is not a number of cases (a non-negative decimal such as 12 or 3.5)",
                        internal::escape_invalid_utf8(text)));
  }
  double value = 0;
  if (!absl::SimpleAtod(absl::string_view(text.data(), text.size()), &value) || !std::isfinite(value)) {
    return absl::InvalidArgumentError(absl::StrFormat("\"%s\" is too large a number of cases", text));
  }
  return value;
}

// Spreads a window's cases equally over its matters of one project type.
// The window table is a service centre's (审批服务情况月报表): its cases are spread over the matters
// offered at a centre, never onto one offered only at a sub-centre or a township (a passport at
// 出入境分中心 gets none of the main hall's 公安 cases).
void spread(const Catalog& catalog, DepartmentIndex department, ProjectType type, double cases, Volumes& out) {
  if (cases <= 0) return;
  const auto at_centre = [&](const Matter& m) {
    return std::any_of(m.halls.begin(), m.halls.end(),
                       [&](HallIndex h) { return catalog.halls()[h].kind == HallKind::kCentre; });
  };
  std::vector<const Matter*> matters;
  for (const Matter& m : catalog.matters()) {
    if (m.department == department && m.project_type == type && at_centre(m)) matters.push_back(&m);
  }
  if (matters.empty()) {
    out.unassigned.push_back(
        absl::StrFormat("%s: %g %s cases, but the catalogue has no %s matter of this window offered at a centre",
                        catalog.departments()[department].name, cases, to_string(type), to_string(type)));
    return;
  }
  for (const Matter* m : matters) out.matters[m->code] += cases / static_cast<double>(matters.size());
}

std::string describe_change(const Catalog& base_catalog, const Matter& a, const Catalog& after_catalog,
                            const Matter& b) {
  std::vector<std::string> changes;
  const auto flag = [&](bool before, bool after, const char* what) {
    if (before != after) changes.push_back(absl::StrCat(after ? "" : "no ", what));
  };
  if (a.online != b.online)
    changes.push_back(absl::StrFormat("online %s → %s", to_string(a.online), to_string(b.online)));
  flag(a.postal_application, b.postal_application, "postal application");
  flag(a.express_delivery, b.express_delivery, "express delivery");
  flag(a.electronic_licence, b.electronic_licence, "electronic licence");
  flag(a.online_payment, b.online_payment, "online payment");
  flag(a.tolerant_acceptance, b.tolerant_acceptance, "tolerant acceptance");
  if (a.project_type != b.project_type) {
    changes.push_back(absl::StrFormat("%s → %s", to_string(a.project_type), to_string(b.project_type)));
  }
  if (a.kind != b.kind) changes.push_back(absl::StrFormat("%s → %s", to_string(a.kind), to_string(b.kind)));
  if (a.promised_limit != b.promised_limit) {
    changes.push_back(absl::StrFormat("promised %d → %d days", a.promised_limit.value, b.promised_limit.value));
  }
  if (a.fee_fen != b.fee_fen) changes.push_back("fee changed");
  if (a.personal_presence != b.personal_presence) changes.push_back("personal presence changed");
  // Materials: dropped ones and ones now shared.
  for (const MaterialUse& u : a.materials) {
    const std::string& id = base_catalog.materials()[u.material].id;
    auto found = std::find_if(b.materials.begin(), b.materials.end(),
                              [&](const MaterialUse& v) { return after_catalog.materials()[v.material].id == id; });
    if (found == b.materials.end()) {
      changes.push_back(absl::StrCat("drops ", base_catalog.materials()[u.material].name));
    } else if (!base_catalog.materials()[u.material].shared && after_catalog.materials()[found->material].shared) {
      changes.push_back(absl::StrCat("shares ", base_catalog.materials()[u.material].name));
    } else if (u.original && u.form == MaterialForm::kPaper &&
               !(found->original && found->form == MaterialForm::kPaper)) {
      changes.push_back(absl::StrCat("no paper original of ", base_catalog.materials()[u.material].name));
    }
  }
  // Every other field that enters a figure, by its name in the format.
  bool material_described = false;
  for (const std::string& c : changes) {
    material_described = material_described || absl::StartsWith(c, "drops ") || absl::StartsWith(c, "shares ") ||
                         absl::StartsWith(c, "no paper original");
  }
  static constexpr const char* kDescribed[] = {
      "online",       "is_postal",   "is_express", "electronic_licence", "online_payment", "tolerant_acceptance",
      "project_type", "promise_day", "fee",        "personal_presence"};
  bool any = false;
  for (const FieldChange& f : internal::matter_changes(base_catalog, a, after_catalog, b)) {
    if (!f.affects_figures) continue;
    any = true;
    if (f.item == DiffItem::kMatter &&
        std::find(std::begin(kDescribed), std::end(kDescribed), f.field) != std::end(kDescribed)) {
      continue;
    }
    if (f.item == DiffItem::kMaterial && material_described) continue;
    if (f.item == DiffItem::kMatter && f.field == "materials" && material_described) continue;
    changes.push_back(f.item == DiffItem::kMatter
                          ? absl::StrFormat("%s %s → %s", f.field, f.before.empty() ? "(absent)" : f.before,
                                            f.after.empty() ? "(absent)" : f.after)
                          : describe(f));
  }
  // Only what enters a figure makes a matter changed (a new name or note does not).
  if (!any) return "";
  return absl::StrJoin(changes, "; ");
}

std::string describe_bundle_change(const Catalog& base, const Bundle& a, const Catalog& after, const Bundle& b) {
  std::vector<std::string> changes;
  if (a.acceptance != b.acceptance) changes.push_back(absl::StrCat("acceptance ", to_string(b.acceptance)));
  if (a.results != b.results) changes.push_back(absl::StrCat("results ", to_string(b.results)));
  if (a.joint_inspection != b.joint_inspection) changes.push_back("joint inspection");
  if (a.members.size() != b.members.size()) {
    changes.push_back(absl::StrFormat("%d → %d members", a.members.size(), b.members.size()));
  }
  const auto edge_text = [](const Catalog& c, const Bundle& bundle, const BundleEdge& e) {
    return absl::StrFormat("%s→%s %s", c.matters()[bundle.members[e.from]].code, c.matters()[bundle.members[e.to]].code,
                           to_string(e.kind));
  };
  std::vector<std::string> before_edges, after_edges;
  for (const BundleEdge& e : a.edges) before_edges.push_back(edge_text(base, a, e));
  for (const BundleEdge& e : b.edges) after_edges.push_back(edge_text(after, b, e));
  for (const std::string& e : before_edges) {
    if (std::find(after_edges.begin(), after_edges.end(), e) == after_edges.end()) changes.push_back("no " + e);
  }
  for (const std::string& e : after_edges) {
    if (std::find(before_edges.begin(), before_edges.end(), e) == before_edges.end()) changes.push_back(e);
  }
  bool any = false;
  for (const FieldChange& f : internal::bundle_changes(base, a, after, b)) {
    if (!f.affects_figures) continue;
    any = true;
    if (changes.empty()) {
      changes.push_back(absl::StrFormat("%s %s → %s", f.field, f.before.empty() ? "(absent)" : f.before,
                                        f.after.empty() ? "(absent)" : f.after));
    }
  }
  if (!any) return "";
  return absl::StrJoin(changes, "; ");
}

// Item i's figures in an evaluation, into the before or after side of a delta.
enum class Side { kBefore, kAfter };
template <class Delta>
void put_figures(Delta& d, Side side, absl::Span<const int32_t> trips, absl::Span<const int32_t> worst,
                 absl::Span<const int32_t> windows, absl::Span<const int32_t> days, size_t i) {
  const bool before = side == Side::kBefore;
  (before ? d.trips_before : d.trips_after) = trips[i];
  (before ? d.worst_before : d.worst_after) = worst[i];
  (before ? d.windows_before : d.windows_after) = windows[i];
  (before ? d.days_before : d.days_after) = days[i];
}
void put_matter(MatterDelta& d, Side side, const CatalogEvaluation& e, size_t i) {
  put_figures(d, side, e.matter_trips, e.matter_worst_case, e.matter_window_contacts, e.matter_workdays, i);
}
void put_bundle(BundleDelta& d, Side side, const CatalogEvaluation& e, size_t i) {
  put_figures(d, side, e.bundle_trips, e.bundle_worst_case, e.bundle_window_contacts, e.bundle_workdays, i);
}

// The savings of one matter or bundle, added to its department and the totals.
template <class Delta>
void settle(Delta& d, bool count_volume, DepartmentSavings& department, Comparison& out) {
  d.trips_saved = d.volume * (d.trips_before - d.trips_after);
  d.worst_case_saved = d.volume * (d.worst_before - d.worst_after);
  d.days_saved = d.volume * (d.days_before - d.days_after);
  if (count_volume) department.volume += d.volume;
  department.trips_saved += d.trips_saved;
  department.days_saved += d.days_saved;
  out.trips_saved += d.trips_saved;
  out.worst_case_saved += d.worst_case_saved;
  out.days_saved += d.days_saved;
}

// A situation's answers: its "question=value" parts, separated by ";".
std::vector<std::string> situation_answers(std::string_view situation) {
  std::vector<std::string> out;
  for (absl::string_view part : absl::StrSplit(absl::string_view(situation.data(), situation.size()), ';')) {
    const absl::string_view answer = absl::StripAsciiWhitespace(part);
    if (answer.empty()) continue;
    const size_t eq = answer.find('=');
    if (eq == answer.npos) {
      out.emplace_back(answer);  // refused by the notice, naming it
      continue;
    }
    out.push_back(absl::StrCat(absl::StripTrailingAsciiWhitespace(answer.substr(0, eq)), "=",
                               absl::StripLeadingAsciiWhitespace(answer.substr(eq + 1))));
  }
  return out;
}

// Two namings of one situation: the same answers, in any order.
std::vector<std::string> sorted(std::vector<std::string> answers) {
  std::sort(answers.begin(), answers.end());
  return answers;
}

// A situation volume's row: why it cannot be weighed, or OK.
absl::Status check_situation(const Catalog& catalog, const SituationVolume& v) {
  if (v.answers.empty()) {
    return absl::InvalidArgumentError(
        "column \"situation\": name the situation by its answers, \"question=value\" separated by \";\"");
  }
  auto n = notice(catalog, v.matter, absl::MakeConstSpan(v.answers));
  if (!n.ok()) return absl::InvalidArgumentError(absl::StrCat("column \"situation\": ", n.status().message()));
  return absl::OkStatus();
}

// Reads the rows of "matter,situation,volume|share" into `out`.
void read_situation_row(const Catalog& catalog, absl::Span<const std::string_view> fields, const std::string& where,
                        bool shares, Volumes& out, Problems& problems) {
  SituationVolume v;
  v.matter = trimmed(fields[0]);
  v.situation = trimmed(fields[1]);
  v.answers = situation_answers(v.situation);
  v.where = where;
  auto value = parse_volume(trimmed(fields[2]));
  if (!value.ok()) {
    problems.add(where, absl::StrFormat("column \"%s\": %s", shares ? "share" : "volume", value.status().message()));
    return;
  }
  v.volume = *value;
  if (shares && v.volume > 1) {
    problems.add(where, absl::StrFormat("column \"share\": %s is over 1 (a share of the matter's cases, 0 to 1)",
                                        trimmed(fields[2])));
    return;
  }
  const auto matter = catalog.find_matter(v.matter);
  if (!matter) {
    problems.add(where,
                 catalog.find_bundle(v.matter)
                     ? absl::StrFormat("\"%s\" is a bundle: situation volumes are a matter's",
                                       internal::escape_invalid_utf8(v.matter))
                     : absl::StrFormat("no matter \"%s\" in the catalogue", internal::escape_invalid_utf8(v.matter)));
    return;
  }
  if (!catalog.matters()[*matter].situations || catalog.matters()[*matter].situations->questions.empty()) {
    problems.add(where, absl::StrFormat("matter \"%s\" asks no questions: it has no situations to weigh", v.matter));
    return;
  }
  if (const absl::Status checked = check_situation(catalog, v); !checked.ok()) {
    problems.add(where, std::string(checked.message()));
    return;
  }
  const std::vector<std::string> key = sorted(v.answers);
  for (const SituationVolume& other : out.situations) {
    if (other.matter == v.matter && sorted(other.answers) == key) {
      problems.add(where, absl::StrFormat("matter \"%s\": situation \"%s\" is given twice (first on %s)", v.matter,
                                          v.situation, other.where));
      return;
    }
  }
  out.situations.push_back(std::move(v));
}

// After the rows: each matter's shares add up to 1; cases add up to the matter's volume.
void settle_situations(Volumes& out, Problems& problems) {
  std::map<std::string, std::pair<double, std::string>> totals;  // by matter: the sum and its first line
  for (const SituationVolume& v : out.situations) {
    auto [it, added] = totals.emplace(v.matter, std::make_pair(0.0, v.where));
    it->second.first += v.volume;
  }
  for (const auto& [matter, total] : totals) {
    if (out.situation_shares) {
      if (std::abs(total.first - 1) > 1e-6) {
        problems.add(total.second,
                     absl::StrFormat("the shares of matter \"%s\" add up to %g, not 1", matter, total.first));
      }
    } else {
      out.matters[matter] += total.first;
    }
  }
}

// Every situation volume's figures in `catalog` (matters it does not have are
// left out), in matter order, at the matters' weights (cases).
absl::StatusOr<std::vector<internal::SituationFigures>> situation_figures(const Catalog& catalog,
                                                                          const Volumes& volumes,
                                                                          absl::Span<const double> matter_weight) {
  std::vector<internal::SituationFigures> out;
  for (const SituationVolume& v : volumes.situations) {
    const auto i = catalog.find_matter(v.matter);
    if (!i) continue;
    auto n = notice(catalog, v.matter, absl::MakeConstSpan(v.answers));
    if (!n.ok()) {
      return absl::Status(n.status().code(),
                          absl::StrFormat("situation volumes, %s: matter \"%s\", situation \"%s\": %s", v.where,
                                          v.matter, v.situation, n.status().message()));
    }
    internal::SituationFigures f;
    f.matter = *i;
    const double whole = matter_weight.empty() ? 1.0 : matter_weight[*i];
    f.weight = volumes.situation_shares ? whole * v.volume : v.volume;
    f.trips = n->trips.trips;
    f.worst_case = n->trips.worst_case;
    f.workdays = n->workdays;
    out.push_back(f);
  }
  std::stable_sort(
      out.begin(), out.end(),
      [](const internal::SituationFigures& a, const internal::SituationFigures& b) { return a.matter < b.matter; });
  return out;
}

// The index of matter `code`, trying `guess` first: the volumes of every
// matter of a catalogue kept in code order come in its order, so the k-th is
// matter k, found by a comparison of the code instead of a hash look-up.
std::optional<MatterIndex> find_matter_at(const Catalog& catalog, const std::string& code, size_t guess) {
  const auto matters = catalog.matters();
  if (guess < matters.size() && matters[guess].code == code) return static_cast<MatterIndex>(guess);
  return catalog.find_matter(code);
}

// Matter volumes by index (by code in `volumes`); empty when there are none.
absl::StatusOr<std::vector<double>> matter_weights(const Catalog& catalog, const Volumes& volumes) {
  std::vector<double> out;
  if (volumes.matters.empty()) return out;
  out.assign(catalog.matters().size(), 0.0);
  size_t k = 0;
  for (const auto& [code, v] : volumes.matters) {
    auto i = find_matter_at(catalog, code, k++);
    if (!i) return absl::NotFoundError(absl::StrFormat("volumes: no matter \"%s\" in the catalogue", code));
    out[*i] = v;
  }
  return out;
}

}  // namespace

absl::StatusOr<Volumes> load_volumes_csv(const Catalog& catalog, std::string_view csv,
                                         std::vector<Problem>* problems_out) {
  Problems problems;
  Volumes out;
  internal::CsvReader reader(csv);
  std::vector<std::string_view> fields;
  std::vector<std::string> columns;  // the header's, once read
  bool window_table = false, situational = false;
  int imm = -1, prom = -1;
  for (internal::CsvReader::Result result; (result = reader.next(&fields)) != internal::CsvReader::Result::kEnd;) {
    const std::string where = line_path(reader.line());
    if (result == internal::CsvReader::Result::kError) {
      problems.add(where, reader.error());
      if (columns.empty()) break;
      continue;
    }
    if (fields.empty()) continue;  // an empty line
    if (columns.empty()) {
      for (std::string_view f : fields) columns.push_back(trimmed(f));
      window_table = columns[0] == "window";
      situational = columns.size() == 3 && columns[0] == "matter" && columns[1] == "situation" &&
                    (columns[2] == "volume" || columns[2] == "share");
      out.situation_shares = situational && columns[2] == "share";
      const auto column = [&](const char* name) -> int {
        for (size_t i = 0; i < columns.size(); ++i) {
          if (columns[i] == name) return static_cast<int>(i);
        }
        return -1;
      };
      imm = column("recv_m_imm");
      prom = column("recv_m_prom");
      if (window_table && (imm < 0 || prom < 0)) {
        problems.add(where, "the window table needs the columns recv_m_imm and recv_m_prom");
        break;
      }
      if (!window_table && !situational && (columns.size() != 2 || columns[0] != "id" || columns[1] != "volume")) {
        problems.add(where, absl::StrFormat("the header \"%s\" is none of \"id,volume\", "
                                            "\"matter,situation,volume\", \"matter,situation,share\" and the "
                                            "window table's",
                                            internal::escape_invalid_utf8(absl::StrJoin(columns, ","))));
        break;
      }
      continue;
    }
    if (fields.size() != columns.size()) {
      problems.add(where, absl::StrFormat("%d fields, the header has %d", fields.size(), columns.size()));
      continue;
    }
    // A figure of the row, or a problem naming its column.
    const auto figure = [&](int i) -> std::optional<double> {
      auto v = parse_volume(trimmed(fields[i]));
      if (v.ok()) return *v;
      problems.add(where, absl::StrFormat("column \"%s\": %s", columns[i], v.status().message()));
      return std::nullopt;
    };
    if (situational) {
      read_situation_row(catalog, fields, where, out.situation_shares, out, problems);
    } else if (window_table) {
      const std::string name = absl::StrJoin(absl::StrSplit(trimmed(fields[0]), ' ', absl::SkipEmpty()), "");
      if (name == "合计") continue;  // the totals row
      auto department = std::find_if(catalog.departments().begin(), catalog.departments().end(),
                                     [&](const Department& d) { return d.name == name; });
      if (department == catalog.departments().end()) {
        problems.add(
            where, absl::StrFormat("no department named \"%s\" in the catalogue", internal::escape_invalid_utf8(name)));
        continue;
      }
      const std::optional<double> immediate = figure(imm), promised = figure(prom);
      if (!immediate || !promised) continue;
      const auto d = static_cast<DepartmentIndex>(department - catalog.departments().begin());
      spread(catalog, d, ProjectType::kImmediate, *immediate, out);
      spread(catalog, d, ProjectType::kPromised, *promised, out);
    } else {
      const std::string id = trimmed(fields[0]);
      const std::optional<double> volume = figure(1);
      if (!volume) continue;
      if (catalog.find_matter(id)) {
        out.matters[id] += *volume;
      } else if (catalog.find_bundle(id)) {
        out.bundles[id] += *volume;
      } else {
        problems.add(where,
                     absl::StrFormat("no matter or bundle \"%s\" in the catalogue", internal::escape_invalid_utf8(id)));
      }
    }
  }
  if (columns.empty() && problems.empty()) {
    problems.add(line_path(1), "an empty file: expected a header \"id,volume\" or the window table's");
  }
  if (situational) settle_situations(out, problems);
  // Finite each, but not necessarily their sums.
  for (const auto* side : {&out.matters, &out.bundles}) {
    for (const auto& [id, volume] : *side) {
      if (!std::isfinite(volume)) {
        problems.add("volumes", absl::StrFormat("the volumes of \"%s\" add up past the largest number", id));
      }
    }
  }
  if (problems.empty()) return out;
  if (problems_out) problems.append_to(*problems_out);
  return problems.to_status("volumes CSV");
}

absl::StatusOr<Volumes> load_volumes_file(const Catalog& catalog, const std::string& path,
                                          std::vector<Problem>* problems) {
  auto text = internal::read_text_file(path);
  if (!text.ok()) return text.status();
  return internal::prefix_error(load_volumes_csv(catalog, *text, problems), path);
}

namespace {

// A matter's cases as the situation cases of `volumes` give them: their sum.
double situation_sum(const Volumes& volumes, const std::string& matter) {
  double sum = 0;
  for (const SituationVolume& v : volumes.situations) sum += v.matter == matter ? v.volume : 0.0;
  return sum;
}

// Whether a matter's own cases and its situations' sum are the same cases.
bool same_cases(double given, double sum) { return std::abs(given - sum) <= 1e-9 * std::max(1.0, std::abs(sum)); }

absl::Status disagreeing_cases(const std::string& matter, double given, double sum) {
  return absl::InvalidArgumentError(absl::StrFormat(
      "volumes: matter \"%s\" has %g cases, but its situations add up to %g: give its cases once (by its "
      "situations, or its volume with situation shares)",
      matter, given, sum));
}

// The situation volumes of a Volumes checked as the CSV reader checks its rows
// (a Volumes made in code was not): each a finite, non-negative number of
// cases, or a share of 0 to 1 with a matter's shares adding up to 1. Returns
// the cases that each matter's situations give (Volumes: "with cases per
// situation, the matter's volume in `matters` is their sum"), by code; none
// with shares.
absl::StatusOr<std::map<std::string, double>> situation_cases(const Volumes& volumes) {
  std::map<std::string, double> sums;
  for (const SituationVolume& v : volumes.situations) {
    if (!(v.volume >= 0 && std::isfinite(v.volume)) || (volumes.situation_shares && v.volume > 1)) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "situation volumes%s%s: matter \"%s\", situation \"%s\": %g is not %s", v.where.empty() ? "" : ", ", v.where,
          v.matter, v.situation, v.volume, volumes.situation_shares ? "a share (0 to 1)" : "a number of cases"));
    }
    sums[v.matter] += v.volume;
  }
  if (!volumes.situation_shares) return sums;
  for (const auto& [matter, sum] : sums) {
    if (std::abs(sum - 1) > 1e-6) {
      return absl::InvalidArgumentError(
          absl::StrFormat("situation volumes: the shares of matter \"%s\" add up to %g, not 1", matter, sum));
    }
  }
  return std::map<std::string, double>{};
}

// `volumes` with each matter whose situations give cases weighed by their sum
// where its own volume is not given (a given one must be that sum); nullopt
// when nothing is added, so that a province's volumes are not copied.
absl::StatusOr<std::optional<Volumes>> with_situation_sums(const Volumes& volumes) {
  if (volumes.situations.empty()) return std::nullopt;
  auto sums = situation_cases(volumes);
  if (!sums.ok()) return sums.status();
  bool missing = false;
  for (const auto& [matter, sum] : *sums) {
    const auto given = volumes.matters.find(matter);
    if (given == volumes.matters.end()) {
      missing = true;
    } else if (!same_cases(given->second, sum)) {
      return disagreeing_cases(matter, given->second, sum);
    }
  }
  if (!missing) return std::nullopt;
  Volumes out = volumes;
  for (const auto& [matter, sum] : *sums) out.matters.emplace(matter, sum);
  return out;
}

}  // namespace

absl::Status add_volumes(const Volumes& more, Volumes& volumes) {
  if (!more.situations.empty() && !volumes.situations.empty() && more.situation_shares != volumes.situation_shares) {
    return absl::InvalidArgumentError(
        "situation volumes: one file gives shares and another cases; give them all as cases or all as shares");
  }
  // The matters whose volume their situations' cases give, and by which side.
  std::map<std::string, const Volumes*> by_situations;
  for (const Volumes* side : {static_cast<const Volumes*>(&volumes), &more}) {
    if (side->situation_shares) continue;
    for (const SituationVolume& v : side->situations) by_situations.emplace(v.matter, side);
  }
  for (const SituationVolume& v : more.situations) {
    for (const SituationVolume& w : volumes.situations) {
      if (w.matter == v.matter && sorted(w.answers) == sorted(v.answers)) {
        return absl::InvalidArgumentError(
            absl::StrFormat("situation volumes: matter \"%s\", situation \"%s\" is given twice (%s and %s)", v.matter,
                            v.situation, w.where, v.where));
      }
    }
  }
  for (const auto& [code, side] : by_situations) {
    const std::string& matter = code;  // a structured binding cannot be captured in C++17
    const Volumes& other = side == &volumes ? more : volumes;
    auto given = other.matters.find(matter);
    if (given == other.matters.end()) continue;
    const bool also_situations = std::any_of(other.situations.begin(), other.situations.end(),
                                             [&](const SituationVolume& v) { return v.matter == matter; });
    const auto own = side->matters.find(matter);  // a Volumes made in code may leave the sum out
    const double from_situations = own != side->matters.end() ? own->second : situation_sum(*side, matter);
    if (also_situations) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "situation volumes: the situations of matter \"%s\" are given in two files; give them in one", matter));
    }
    if (!same_cases(given->second, from_situations)) return disagreeing_cases(matter, given->second, from_situations);
  }
  Volumes out = volumes;
  for (const auto& [code, v] : more.matters) {
    // A matter's cases given again by its situations' sum are the same cases.
    if (by_situations.count(code) && out.matters.count(code)) continue;
    out.matters[code] += v;
  }
  for (const auto& [id, v] : more.bundles) out.bundles[id] += v;
  out.unassigned.insert(out.unassigned.end(), more.unassigned.begin(), more.unassigned.end());
  out.situations.insert(out.situations.end(), more.situations.begin(), more.situations.end());
  out.situation_shares = out.situation_shares || more.situation_shares;
  volumes = std::move(out);
  return absl::OkStatus();
}

absl::StatusOr<Indicators> indicators(const Catalog& catalog, const CatalogEvaluation& evaluation,
                                      const Volumes& given) {
  auto settled = with_situation_sums(given);
  if (!settled.ok()) return settled.status();
  const Volumes& volumes = *settled ? **settled : given;
  auto weights = matter_weights(catalog, volumes);
  if (!weights.ok()) return weights.status();
  auto figures = situation_figures(catalog, volumes, *weights);
  if (!figures.ok()) return figures.status();
  for (const SituationVolume& v : volumes.situations) {
    if (!catalog.find_matter(v.matter)) {
      return absl::NotFoundError(
          absl::StrFormat("situation volumes, %s: no matter \"%s\" in the catalogue", v.where, v.matter));
    }
  }
  return internal::indicators_by_situation(catalog, evaluation, *weights, *figures);
}

absl::StatusOr<MonthlyVolumes> load_monthly_volumes_csv(const Catalog& catalog, std::string_view csv,
                                                        std::vector<Problem>* problems_out) {
  Problems problems;
  MonthlyVolumes out;
  internal::CsvReader reader(csv);
  std::vector<std::string_view> fields;
  bool header = false;
  for (internal::CsvReader::Result result; (result = reader.next(&fields)) != internal::CsvReader::Result::kEnd;) {
    const std::string where = line_path(reader.line());
    if (result == internal::CsvReader::Result::kError) {
      problems.add(where, reader.error());
      if (!header) break;
      continue;
    }
    if (fields.empty()) continue;
    if (!header) {
      std::vector<std::string> columns;
      for (std::string_view f : fields) columns.push_back(trimmed(f));
      if (columns != std::vector<std::string>{"month", "id", "volume"}) {
        problems.add(where, absl::StrFormat("the header \"%s\" is not \"month,id,volume\"",
                                            internal::escape_invalid_utf8(absl::StrJoin(columns, ","))));
        break;
      }
      header = true;
      continue;
    }
    if (fields.size() != 3) {
      problems.add(where, absl::StrFormat("%d fields, the header has 3", fields.size()));
      continue;
    }
    const std::string month_field = trimmed(fields[0]);
    auto month = parse_date(month_field + "-01");
    if (month_field.size() != 7 || !month.ok()) {
      problems.add(where, absl::StrFormat("column \"month\": \"%s\" is not a month (YYYY-MM)",
                                          internal::escape_invalid_utf8(month_field)));
      continue;
    }
    auto volume = parse_volume(trimmed(fields[2]));
    if (!volume.ok()) {
      problems.add(where, absl::StrFormat("column \"volume\": %s", volume.status().message()));
      continue;
    }
    const std::string id = trimmed(fields[1]);
    Volumes& v = out.months[*month];
    out.where.emplace(*month, where);
    if (auto i = catalog.find_matter(id)) {
      const Matter& m = catalog.matters()[*i];
      const Date last = month->end_of_month();
      if ((m.effective_until && *m.effective_until < *month) || (m.effective_from && last < *m.effective_from)) {
        problems.add(where,
                     absl::StrFormat("%s cases of \"%s\" in %s, but no catalogue holds it then (in force %s to %s)",
                                     trimmed(fields[2]), id, month_field,
                                     m.effective_from ? format_date(*m.effective_from) : "always",
                                     m.effective_until ? format_date(*m.effective_until) : "open"));
        continue;
      }
      v.matters[id] += *volume;
    } else if (auto b = catalog.find_bundle(id)) {
      const Validity& period = catalog.bundles()[*b].validity;
      if (period.until.value_or(*month) < *month || month->end_of_month() < period.from.value_or(*month)) {
        problems.add(where, absl::StrFormat("%s cases of bundle \"%s\" in %s, but no catalogue offers it then (in "
                                            "force %s to %s)",
                                            trimmed(fields[2]), id, month_field,
                                            period.from ? format_date(*period.from) : "always",
                                            period.until ? format_date(*period.until) : "open"));
        continue;
      }
      v.bundles[id] += *volume;
    } else {
      problems.add(where,
                   absl::StrFormat("no matter or bundle \"%s\" in the catalogue", internal::escape_invalid_utf8(id)));
    }
  }
  if (!header && problems.empty()) problems.add(line_path(1), "an empty file: expected a header \"month,id,volume\"");
  for (const auto& [month, v] : out.months) {
    for (const auto* side : {&v.matters, &v.bundles}) {
      for (const auto& [id, volume] : *side) {
        if (!std::isfinite(volume)) {
          problems.add(out.where[month], absl::StrFormat("the volumes of \"%s\" add up past the largest number", id));
        }
      }
    }
  }
  if (problems.empty()) return out;
  if (problems_out) problems.append_to(*problems_out);
  return problems.to_status("monthly volumes CSV");
}

absl::StatusOr<MonthlyVolumes> load_monthly_volumes_file(const Catalog& catalog, const std::string& path,
                                                         std::vector<Problem>* problems) {
  auto text = internal::read_text_file(path);
  if (!text.ok()) return text.status();
  return internal::prefix_error(load_monthly_volumes_csv(catalog, *text, problems), path);
}

namespace {

// A volume given in code (the CSV readers refuse these themselves): a bundle's
// was not checked at all, and a NaN made every saving NaN.
absl::Status check_volume(const char* what, const std::string& id, double v) {
  if (v >= 0 && std::isfinite(v)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrFormat("volumes: %s \"%s\": %g is not a number of cases (a finite, non-negative number)", what,
                      internal::escape_invalid_utf8(id.substr(0, 200)), v));
}

// The comparison with the matters' volumes by index of the base (`weighted`:
// volumes were given); `volumes` gives the bundles' and the situations'.
absl::StatusOr<Comparison> compare_indexed(const Catalog& base, const Catalog& after,
                                           const std::vector<double>& volume_of, bool weighted, const Volumes& volumes,
                                           const CompareOptions& options) {
  const auto matters = base.matters();
  const size_t n = matters.size();
  std::vector<double> bundle_volume_of(base.bundles().size(), 0.0);
  for (const auto& [id, v] : volumes.bundles) {
    auto b = base.find_bundle(id);
    if (!b) return absl::NotFoundError(absl::StrFormat("volumes: no bundle \"%s\" in the base", id));
    if (absl::Status bad = check_volume("bundle", id, v); !bad.ok()) return bad;
    bundle_volume_of[*b] = v;
  }
  EvaluationOptions evaluation;  // counts and working days: no due dates, no calendar
  evaluation.threads = options.threads;
  const auto side_progress = [&](const char* side) -> ProgressCallback {  // phases "before matters" …
    if (!options.progress) return nullptr;
    return [&options, side](int64_t done, int64_t total, std::string_view phase) {
      return options.progress(done, total, std::string(side) + " " + std::string(phase));
    };
  };
  evaluation.progress = side_progress("before");
  auto eb = evaluate_catalog(base, evaluation);
  if (!eb.ok()) return eb.status();
  evaluation.progress = side_progress("after");
  auto ea = evaluate_catalog(after, evaluation);
  if (!ea.ok()) return ea.status();

  // A material that differs between the two makes every matter asking for it
  // a candidate; indices are comparable only when the tables they point into
  // list the same ids in the same order.
  bool same_materials = base.materials().size() == after.materials().size() && base.halls() == after.halls() &&
                        base.departments() == after.departments();
  for (size_t k = 0; same_materials && k < base.materials().size(); ++k) {
    same_materials = base.materials()[k].id == after.materials()[k].id;
  }
  std::vector<uint8_t> material_differs(base.materials().size(), 1);
  if (same_materials) {
    for (size_t k = 0; k < material_differs.size(); ++k)
      material_differs[k] = base.materials()[k] != after.materials()[k];
  }
  Comparison out;
  out.matters.resize(n);
  std::vector<double> weights_after(after.matters().size(), 0.0);
  // Each matter's figures, on threads (each writes its own delta and weight).
  internal::PhaseProgress compare_progress(&options.progress, "compare", static_cast<int64_t>(n));
  const absl::Status compared =
      internal::parallel_items(n, internal::thread_count(options.threads, n), compare_progress, [&](size_t i) {
        const Matter& m = matters[i];
        MatterDelta& d = out.matters[i];
        if (options.matter_texts) {
          d.code = m.code;
          d.name = m.name;
        }
        d.department = m.department;
        put_matter(d, Side::kBefore, *eb, i);
        d.volume = volume_of[i];
        // Reforms keep the order of matters, so the same index is tried before a lookup.
        std::optional<MatterIndex> j;
        if (i < after.matters().size() && (&after.matters()[i] == &m || after.matters()[i].code == m.code)) {
          j = static_cast<MatterIndex>(i);
        } else {
          j = after.find_matter(m.code);
        }
        if (!j) {
          d.absorbed = true;
          d.change = "absorbed: no longer a separate matter";
          return absl::OkStatus();
        }
        put_matter(d, Side::kAfter, *ea, *j);
        weights_after[*j] = d.volume;
        const Matter& a = after.matters()[*j];
        // Most matters are untouched by a reform: shared (or equal) ones need no description.
        const bool unchanged = same_materials && (&m == &a || m == a) &&
                               std::none_of(m.materials.begin(), m.materials.end(),
                                            [&](const MaterialUse& u) { return material_differs[u.material] != 0; });
        if (!unchanged) d.change = describe_change(base, m, after, a);
        return absl::OkStatus();
      });
  if (!compared.ok()) return compared;
  std::vector<DepartmentSavings> departments(base.departments().size());
  for (DepartmentIndex d = 0; d < departments.size(); ++d) {
    departments[d].department = d;
    departments[d].name = base.departments()[d].name;
  }
  // A matter with situation volumes saves what its situations save, each at its own figures.
  struct Saved {
    double trips = 0, worst = 0, days = 0;
  };
  std::map<MatterIndex, Saved> by_situation;
  for (const SituationVolume& v : volumes.situations) {
    const auto i = base.find_matter(v.matter);
    if (!i)
      return absl::NotFoundError(
          absl::StrFormat("situation volumes, %s: no matter \"%s\" in the base", v.where, v.matter));
    const auto figures = [&](const Catalog& c) -> absl::StatusOr<Notice> {
      auto made = notice(c, v.matter, absl::MakeConstSpan(v.answers));
      if (!made.ok()) {
        return absl::Status(made.status().code(),
                            absl::StrFormat("situation volumes, %s: matter \"%s\", situation \"%s\": %s", v.where,
                                            v.matter, v.situation, made.status().message()));
      }
      return made;
    };
    auto before = figures(base);
    if (!before.ok()) return before.status();
    Notice after_notice;  // an absorbed matter: nothing after, as its delta
    if (!out.matters[*i].absorbed) {
      auto a = figures(after);
      if (!a.ok()) return a.status();
      after_notice = *std::move(a);
    }
    const double w = volumes.situation_shares ? (weighted ? volume_of[*i] : 0.0) * v.volume : v.volume;
    Saved& saved = by_situation[*i];
    saved.trips += w * (before->trips.trips - after_notice.trips.trips);
    saved.worst += w * (before->trips.worst_case - after_notice.trips.worst_case);
    saved.days += w * (before->workdays - after_notice.workdays);
  }
  // The sums in matter order on one thread, so that they do not depend on the threads.
  for (size_t i = 0; i < n; ++i) {
    MatterDelta& d = out.matters[i];
    const bool changed = !d.change.empty();
    out.matters_changed += changed;
    departments[d.department].matters_changed += changed;
    settle(d, /*count_volume=*/true, departments[d.department], out);
    const auto situational = by_situation.find(static_cast<MatterIndex>(i));
    if (situational == by_situation.end()) continue;
    // Its situations' savings instead of its default situation's.
    const Saved& s = situational->second;
    departments[d.department].trips_saved += s.trips - d.trips_saved;
    departments[d.department].days_saved += s.days - d.days_saved;
    out.trips_saved += s.trips - d.trips_saved;
    out.worst_case_saved += s.worst - d.worst_case_saved;
    out.days_saved += s.days - d.days_saved;
    d.trips_saved = s.trips;
    d.worst_case_saved = s.worst;
    d.days_saved = s.days;
  }
  const bool same_bundles = base.bundles().data() == after.bundles().data();  // shared: no bundle reform
  for (BundleIndex b = 0; b < base.bundles().size(); ++b) {
    const Bundle& bundle = base.bundles()[b];
    BundleDelta d;
    d.id = bundle.id;
    d.name = bundle.name;
    put_bundle(d, Side::kBefore, *eb, b);
    d.volume = bundle_volume_of[b];
    std::optional<BundleIndex> j;
    if (same_bundles) {
      j = b;
    } else {
      j = after.find_bundle(bundle.id);
    }
    if (j) {
      put_bundle(d, Side::kAfter, *ea, *j);
      const Bundle& a = after.bundles()[*j];
      // Equal indices name the same matters: renumbering after an absorption only lowers them.
      if (!same_bundles && a != bundle) d.change = describe_bundle_change(base, bundle, after, a);
      // A member's own change is the bundle's too.
      std::vector<std::string> members;
      for (MatterIndex m : bundle.members) {
        if (!out.matters[m].change.empty()) members.push_back(matters[m].code);
      }
      if (!members.empty()) {
        d.change =
            absl::StrCat(d.change, d.change.empty() ? "" : "; ", "members changed: ", absl::StrJoin(members, ", "));
      }
      if (d.change.empty() && (d.trips_before != d.trips_after || d.worst_before != d.worst_after ||
                               d.windows_before != d.windows_after || d.days_before != d.days_after)) {
        d.change = "its departments' halls changed";
      }
    } else {
      d.removed = true;
      d.change = "removed: every member absorbed";
    }
    out.bundles_changed += !d.change.empty();
    settle(d, /*count_volume=*/false, departments[bundle.lead], out);  // bundle cases are not window volume
    out.bundles.push_back(std::move(d));
  }
  for (DepartmentSavings& d : departments) {
    if (d.matters_changed > 0 || d.trips_saved != 0 || d.days_saved != 0) out.departments.push_back(std::move(d));
  }
  // The indicators before and after, side by side when there is a second thread.
  const absl::Status indicated = internal::parallel_items(
      2, internal::thread_count(options.threads, 2, /*grain=*/1), [&](size_t side) -> absl::Status {
        const bool is_before = side == 0;
        const absl::Span<const double> weights =
            weighted ? absl::MakeConstSpan(is_before ? volume_of : weights_after) : absl::Span<const double>();
        auto figures = situation_figures(is_before ? base : after, volumes, weights);
        if (!figures.ok()) return figures.status();
        auto ind =
            internal::indicators_by_situation(is_before ? base : after, is_before ? *eb : *ea, weights, *figures);
        if (!ind.ok()) return ind.status();
        (is_before ? out.before : out.after) = *ind;
        return absl::OkStatus();
      });
  if (!indicated.ok()) return indicated;
  return out;
}

}  // namespace

absl::StatusOr<Comparison> compare(const Catalog& base, const Catalog& after, const Volumes& given_volumes,
                                   const CompareOptions& options) {
  auto settled = with_situation_sums(given_volumes);
  if (!settled.ok()) return settled.status();
  const Volumes& volumes = *settled ? **settled : given_volumes;
  // Volumes by index, looked up once per volume rather than once per matter, on
  // threads (a province gives a volume for each of a million codes; codes are
  // unique, so each lookup writes its own element).
  std::vector<const std::pair<const std::string, double>*> given;
  given.reserve(volumes.matters.size());
  for (const auto& entry : volumes.matters) given.push_back(&entry);
  std::vector<double> volume_of(base.matters().size(), 0.0);
  absl::Status found =
      internal::parallel_items(given.size(), internal::thread_count(options.threads, given.size()), [&](size_t k) {
        auto i = find_matter_at(base, given[k]->first, k);
        if (!i) return absl::NotFoundError(absl::StrFormat("volumes: no matter \"%s\" in the base", given[k]->first));
        if (absl::Status bad = check_volume("matter", given[k]->first, given[k]->second); !bad.ok()) return bad;
        volume_of[*i] = given[k]->second;
        return absl::OkStatus();
      });
  if (!found.ok()) return found;
  return compare_indexed(base, after, volume_of, !volumes.matters.empty(), volumes, options);
}

absl::StatusOr<Comparison> compare(const Catalog& base, const Catalog& after, absl::Span<const double> matter_volumes,
                                   const Volumes& volumes, const CompareOptions& options) {
  const auto matters = base.matters();
  if (matter_volumes.size() != matters.size()) {
    return absl::InvalidArgumentError(
        absl::StrFormat("volumes: %d matter volumes for a base of %d matters (one per matter, in its order)",
                        matter_volumes.size(), matters.size()));
  }
  if (!volumes.matters.empty()) {
    return absl::InvalidArgumentError(
        "volumes: the matters' volumes are given by index, and again by code in the Volumes: give them once");
  }
  for (size_t i = 0; i < matter_volumes.size(); ++i) {
    if (absl::Status bad = check_volume("matter", matters[i].code, matter_volumes[i]); !bad.ok()) return bad;
  }
  std::vector<double> volume_of(matter_volumes.begin(), matter_volumes.end());
  // A matter whose situations give cases weighs their sum; a volume of its own (not 0) must be that sum.
  auto sums = situation_cases(volumes);
  if (!sums.ok()) return sums.status();
  for (const auto& [matter, sum] : *sums) {
    const auto i = base.find_matter(matter);
    if (!i) continue;  // compare_indexed names it
    if (volume_of[*i] == 0) {
      volume_of[*i] = sum;
    } else if (!same_cases(volume_of[*i], sum)) {
      return disagreeing_cases(matter, volume_of[*i], sum);
    }
  }
  return compare_indexed(base, after, volume_of, /*weighted=*/true, volumes, options);
}

}  // namespace onetrip
