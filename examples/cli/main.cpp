// onetrip — the command-line tool over the C++ API (docs/tool.md).
//
//   onetrip COMMAND [OPTIONS]        onetrip COMMAND --help        onetrip --help
//
// The only file that parses arguments (with CLI11): each command is one entry
// of kCommands, whose setup function declares its positionals and options into
// the command's *Args (tool.hpp) and returns what runs it. An unknown option, an
// option the command does not take, a missing or malformed value is a usage
// error: the command's usage on stderr and exit code 2. A command that fails
// prints "onetrip COMMAND: why" on stderr and exits with 1.
#include <functional>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "onetrip/date.hpp"
#include "onetrip/format.hpp"
#include "onetrip/version.hpp"
#include "tool.hpp"

namespace {

using onetrip::tool::Format;

// What a command runs once its arguments are parsed.
using Run = std::function<absl::Status()>;

// A value that must read as a date (YYYY-MM-DD) or a month (YYYY-MM): a usage
// error with the library's message otherwise.
const CLI::Validator kDate(
    [](std::string& text) {
      auto d = onetrip::parse_date(text);
      return d.ok() ? std::string() : std::string(d.status().message());
    },
    "");
const CLI::Validator kMonth(
    [](std::string& text) {
      auto m = onetrip::parse_month(text);
      return m.ok() ? std::string() : std::string(m.status().message());
    },
    "");

// A whole number from lo to hi, in decimal digits: a usage error naming the
// range otherwise. CLI11's own conversion would read a number past 64 bits as
// the largest one and "-1" into an unsigned option as its largest value: a
// silent guess, which a bounded count must never be.
template <class T>
CLI::Validator whole(T lo, T hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) {
        T value{};
        if (absl::SimpleAtoi(text, &value) && value >= lo && value <= hi) return std::string();
        return absl::StrCat("\"", text, "\" is not a whole number from ", lo, " to ", hi);
      },
      "");
}

// Every command printing figures takes --format table|csv|json.
void add_format(CLI::App& c, Format* format) {
  const CLI::Validator names(
      [](std::string& text) {
        const std::pair<const char*, Format> known[] = {
            {"table", Format::kTable}, {"csv", Format::kCsv}, {"json", Format::kJson}};
        for (const auto& [name, value] : known) {
          if (text == name) {
            text = std::to_string(static_cast<int>(value));  // what the enum reads
            return std::string();
          }
        }
        return "\"" + text + "\" is not table, csv or json";
      },
      "");
  c.add_option("--format", *format, "table (for people, the default), csv or json (docs/tool.md)")
      ->transform(names)
      ->type_name("table|csv|json");
}

// Every command reading dates takes --calendar FILE, repeatable.
void add_calendar(CLI::App& c, std::vector<std::string>* files) {
  c.add_option("--calendar", *files,
               "add years in the per-year JSON format (e.g. next year's State Council notice) to the "
               "built-in China calendar; may be repeated")
      ->type_name("FILE")
      ->allow_extra_args(false);
}

// One value per occurrence of a repeatable option (--volumes a --volumes b).
CLI::Option* repeatable(CLI::Option* option) { return option->allow_extra_args(false); }

// ---- the commands, in the order of the usage ------------------------------

Run deadline(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::DeadlineArgs>();
  c.add_option("--start", a->start, "the acceptance day")->required()->check(kDate)->type_name("DATE");
  c.add_option("--days", a->days, "the limit in working days")
      ->required()
      ->check(whole<int64_t>(0, std::numeric_limits<int64_t>::max()))
      ->type_name("INT");
  add_calendar(c, &a->calendars);
  add_format(c, &a->format);
  return [a] { return run_deadline(*a); };
}

Run calendar(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::CalendarArgs>();
  c.add_option("month", a->month, "the month")->required()->check(kMonth)->type_name("YYYY-MM");
  add_calendar(c, &a->calendars);
  add_format(c, &a->format);
  return [a] { return run_calendar(*a); };
}

Run clock(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::ClockArgs>();
  repeatable(c.add_option("--event", a->events,
                          "one event, in date order: KIND:DATE[:DAYS] or KIND:DATE:REASON[:DAYS], e.g. "
                          "received:2017-07-03:20, supplement_notice:2017-07-05, accepted:2017-07-07, "
                          "special_started:2017-07-17:专家评审:10, special_ended:2017-07-21, extended:2017-07-31:10"))
      ->required()
      ->type_name("EVENT");
  c.add_option("--as-of", a->as_of, "the day asked about")->required()->check(kDate)->type_name("DATE");
  c.add_option("--extension-limit", a->extension_limit, "the longest extension another law allows (第四十二条: 10)")
      ->check(whole<int32_t>(0, std::numeric_limits<int32_t>::max()))
      ->type_name("INT");
  add_calendar(c, &a->calendars);
  add_format(c, &a->format);
  return [a] { return run_clock(*a); };
}

Run validate(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::ValidateArgs>();
  c.add_option("catalog", a->catalog, "the catalogue")->required()->type_name("CATALOG.json");
  add_format(c, &a->format);
  return [a] { return run_validate(*a); };
}

Run format(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::FormatArgs>();
  c.add_option("catalog", a->catalog, "the catalogue")->required()->type_name("CATALOG.json");
  return [a] { return run_format(*a); };
}

Run evaluate(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::EvaluateArgs>();
  c.add_option("catalog", a->catalog, "the catalogue")->required()->type_name("CATALOG.json");
  c.add_option("--start", a->start, "the acceptance day of the due dates (none without it)")
      ->check(kDate)
      ->type_name("DATE");
  add_calendar(c, &a->calendars);
  add_format(c, &a->format);
  return [a] { return run_evaluate(*a); };
}

Run audit(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::AuditArgs>();
  c.add_option("catalog", a->catalog, "the catalogue")->required()->type_name("CATALOG.json");
  add_format(c, &a->format);
  return [a] { return run_audit(*a); };
}

Run dot(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::DotArgs>();
  c.add_option("catalog", a->catalog, "the catalogue")->required()->type_name("CATALOG.json");
  c.add_option("bundle", a->bundle, "the bundle's id")->required()->type_name("BUNDLE");
  return [a] { return run_dot(*a); };
}

Run bpmn(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::BpmnArgs>();
  c.add_option("catalog", a->catalog, "the catalogue")->required()->type_name("CATALOG.json");
  c.add_option("bundle", a->bundle, "the bundle's id")->required()->type_name("BUNDLE");
  c.add_option("--engine", a->engine, "the engine the process is for (default plain)")
      ->check(CLI::IsMember({"plain", "flowable", "camunda"}).description(""))
      ->type_name("plain|flowable|camunda");
  c.add_option("--start", a->start, "the acceptance day: the limits as dates onetrip computes")
      ->check(kDate)
      ->type_name("DATE");
  c.add_option("--business-calendar", a->business_calendar,
               "without --start, the engine's business calendar that resolves the limits (docs/bpmn.md)")
      ->type_name("NAME");
  c.add_option("--before", a->before, "first turn the catalogue into the baseline with this scenario")
      ->type_name("SCENARIO.json");
  add_calendar(c, &a->calendars);
  return [a] { return run_bpmn(*a); };
}

Run bpmn_import(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::BpmnImportArgs>();
  c.add_option("file", a->file, "a BPMN 2.0 process definition")->required()->type_name("FILE.bpmn");
  return [a] { return run_bpmn_import(*a); };
}

Run report(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::ReportArgs>();
  c.add_option("--cases", a->cases, "the case records (docs/case-records.md)")->required()->type_name("FILE.csv");
  c.add_option("--month", a->month, "the month of the report")->required()->check(kMonth)->type_name("YYYY-MM");
  c.add_option("--catalog", a->catalog, "resolves departments and limits from matter codes, lists every window")
      ->type_name("FILE");
  c.add_option("--hall", a->hall, "the hall of the window table (default: the catalogue's first hall)")
      ->type_name("NAME");
  c.add_option("--table", a->table,
               "windows, halls, both (the bulletin's two tables, the default) or all (every column of every "
               "window of every hall)")
      ->check(CLI::IsMember({"windows", "halls", "both", "all"}).description(""))
      ->type_name("windows|halls|both|all");
  c.add_flag("--strict", a->strict, "fail on bad rows (every one named) instead of skipping them");
  add_calendar(c, &a->calendars);
  add_format(c, &a->format);
  return [a] { return run_report(*a); };
}

Run generate(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::GenerateArgs>();
  c.add_option("--matters", a->matters, "how many matters (1 to 10^7)")
      ->required()
      ->check(whole<int64_t>(std::numeric_limits<int64_t>::min(),
                             std::numeric_limits<int64_t>::max()))  // the generator checks the range
      ->type_name("INT");
  c.add_option("--seed", a->seed, "the random seed (default 1)")
      ->check(whole<uint64_t>(0, std::numeric_limits<uint64_t>::max()))
      ->type_name("INT");
  return [a] { return run_generate(*a); };
}

Run snapshot(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::SnapshotArgs>();
  c.add_option("catalog", a->catalog, "the catalogue")->required()->type_name("CATALOG.json");
  c.add_option("out", a->out, "the snapshot to write")->required()->type_name("OUT.snap");
  return [a] { return run_snapshot(*a); };
}

Run whatif(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::WhatifArgs>();
  c.add_option("catalog", a->catalog, "the catalogue")->required()->type_name("CATALOG.json");
  c.add_option("scenario", a->scenario, "the reforms")->required()->type_name("SCENARIO.json");
  c.add_option("--before", a->before, "first turn the catalogue into the baseline with this scenario")
      ->type_name("SCENARIO.json");
  repeatable(c.add_option("--volumes", a->volumes, "cases per matter, bundle or window; may be repeated"))
      ->type_name("FILE.csv");
  repeatable(c.add_option("--situation-volumes", a->situation_volumes,
                          "cases (or shares of a matter's cases) per situation: matter,situation,volume|share; may "
                          "be repeated"))
      ->type_name("FILE.csv");
  add_format(c, &a->format);
  return [a] { return run_whatif(*a); };
}

Run roadmap(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::RoadmapArgs>();
  c.add_option("catalog", a->catalog, "the catalogue")->required()->type_name("CATALOG.json");
  c.add_option("scenario", a->scenario, "the dated reforms (effective_from)")->required()->type_name("SCENARIO.json");
  c.add_option("--from", a->from, "the first month")->required()->check(kMonth)->type_name("YYYY-MM");
  c.add_option("--to", a->to, "the last month")->required()->check(kMonth)->type_name("YYYY-MM");
  repeatable(c.add_option("--volumes", a->volumes, "one month's cases, used for every month; may be repeated"))
      ->type_name("FILE.csv");
  auto* monthly = c.add_option("--monthly", a->monthly, "month,id,volume counts")->type_name("FILE.csv");
  c.add_option("--case-log", a->case_log,
               "the months' counts from a case log (the report's --cases CSV): each case for its matter in the "
               "month it was accepted")
      ->type_name("FILE.csv")
      ->excludes(monthly);
  c.add_flag("--strict", a->strict, "fail on bad rows of the case log (every one named) instead of skipping them");
  repeatable(c.add_option("--situation-volumes", a->situation_volumes,
                          "cases (or shares of a matter's cases) per situation, every month: "
                          "matter,situation,volume|share; may be repeated"))
      ->type_name("FILE.csv");
  c.add_option("--before", a->before, "first turn the catalogue into the baseline with this scenario")
      ->type_name("SCENARIO.json");
  add_calendar(c, &a->calendars);
  add_format(c, &a->format);
  return [a] { return run_roadmap(*a); };
}

Run asof(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::AsofArgs>();
  c.add_option("catalog", a->catalog, "the catalogue")->required()->type_name("CATALOG.json");
  c.add_option("date", a->date, "the day")->required()->check(kDate)->type_name("DATE");
  c.add_option("--scenario", a->scenario, "dated reforms to apply up to the day")->type_name("SCENARIO.json");
  return [a] { return run_asof(*a); };
}

Run diff(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::DiffArgs>();
  c.add_option("a", a->a, "the first catalogue")->required()->type_name("A.json");
  c.add_option("b", a->b, "the second catalogue")->required()->type_name("B.json");
  add_format(c, &a->format);
  return [a] { return run_diff(*a); };
}

Run import_listing(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::ImportListingArgs>();
  c.add_option("--basic", a->basic, "the basic table (基本信息)")->required()->type_name("FILE.csv");
  c.add_option("--extend", a->extend, "the extended table")->type_name("FILE.csv");
  c.add_option("--materials", a->materials, "the material table")->type_name("FILE.csv");
  c.add_option("--fees", a->fees, "the fee table")->type_name("FILE.csv");
  c.add_option("--halls", a->halls, "onetrip's hall table")->type_name("FILE.csv");
  c.add_option("--departments", a->departments, "onetrip's department table")->type_name("FILE.csv");
  c.add_option("--material-defs", a->material_defs, "onetrip's material table")->type_name("FILE.csv");
  c.add_option("--name", a->name, "the catalogue's name");
  c.add_option("--out", a->out, "write the catalogue here instead of stdout")->type_name("CATALOG.json");
  c.add_option("--report", a->report, "the mapping report of every cell")->type_name("REPORT.csv");
  c.add_option("--audit", a->audit, "the audit of declared trips (- for stdout)")->type_name("AUDIT.csv");
  c.add_flag("--strict", a->strict, "fail the whole import on a bad row");
  return [a] { return run_import_listing(*a); };
}

Run version(CLI::App&) {
  return [] {
    std::cout << "onetrip " << onetrip::version_string() << "\n";
    return absl::OkStatus();
  };
}

// A command: its name, its line in the list of commands, what it does at
// length (its --help), and its setup. A new command is one entry here.
struct Command {
  const char* name;
  const char* summary;
  const char* details;
  Run (*setup)(CLI::App& command);
};

Run notice(CLI::App& c) {
  auto a = std::make_shared<onetrip::tool::NoticeArgs>();
  c.add_option("catalog", a->catalog, "the catalogue")->required()->type_name("CATALOG.json");
  c.add_option("code", a->code, "a matter's code or a bundle's id")->required()->type_name("MATTER_OR_BUNDLE");
  repeatable(c.add_option("--answer", a->answers, "an answer, QUESTION=VALUE (several choices: a,b); may be repeated"))
      ->type_name("Q=V");
  c.add_option("--start", a->start, "the day of application, for the due date")->check(kDate)->type_name("DATE");
  add_calendar(c, &a->calendars);
  // A notice is a letter, not a table of figures: Chinese text, or --json.
  c.add_flag("--json", a->json, "the notice as JSON instead of Chinese text");
  return [a] { return run_notice(*a); };
}

const Command kCommands[] = {
    {"deadline", "the due date of a limit of N working days, and the days skipped",
     "The due date of a limit of --days working days from acceptance on --start (the acceptance day not "
     "counted), and every day of the period that is not an ordinary working day.",
     deadline},
    {"calendar", "a month with its holidays (休) and makeup working days (班)", "", calendar},
    {"clock", "a case's clock by the law's steps (docs/rules.md)",
     "A case's clock as of --as-of from its --event list: received, 补正 notice, accepted, 第四十五条 periods "
     "with their notices, one extension, decision, issuing; each date with its article.",
     clock},
    {"validate", "check a catalogue: every problem with its JSON path",
     "Every problem of the catalogue with its JSON path (exit 1), or a summary of what it holds (exit 0).", validate},
    {"format", "the catalogue in canonical form (what save gives), on stdout", "", format},
    {"evaluate", "trips, working days and due dates of every matter and bundle, and the indicators",
     "Trips (best and worst case) with their reasons, window contacts, working days and due dates of every "
     "matter and bundle, then the catalogue's indicators.",
     evaluate},
    {"notice", "the one-time notice (一次性告知) for an applicant's answers",
     "Whether the applicant may apply (every refusing rule with its reason and basis, or the questions that "
     "decide it), the materials to bring, the trips and the due date for this situation, and the questions "
     "still open (docs/catalog-format.md, Situations).",
     notice},
    {"audit", "declared against computed trips, and the consistency rules", "", audit},
    {"dot", "a bundle's graph in Graphviz DOT (| dot -Tsvg > b.svg)", "", dot},
    {"bpmn", "a bundle as a BPMN 2.0 process (Flowable, Camunda; docs/bpmn.md)",
     "The bundle as a BPMN 2.0 process: with --start the limits are dates onetrip computes, else the engine's "
     "business calendar resolves them.",
     bpmn},
    {"bpmn-import", "a process definition as an onetrip/1 catalogue with one bundle, on stdout",
     "Every element not mapped is named on stderr.", bpmn_import},
    {"report", "the monthly statistics report from case records",
     "The hall's windows and the other halls as the bulletin's two tables; --table all: every column of every "
     "window of every hall. The case records are described in docs/case-records.md.",
     report},
    {"generate", "a synthetic catalogue of realistic shape, on stdout", "", generate},
    {"snapshot", "the catalogue as a binary snapshot, which every command loads in place of its JSON",
     "A versioned, checksummed binary file of the validated catalogue (docs/catalog-format.md, Binary "
     "snapshot): every command taking a catalogue reads it, known by its first bytes, many times faster than "
     "the JSON and without checking the rules again.",
     snapshot},
    {"whatif", "what a scenario's reforms change, and what they save per month",
     "What the scenario's reforms change, matter by matter, and the trips and working days saved per month at "
     "the given volumes.",
     whatif},
    {"roadmap", "the catalogue month by month under dated reforms",
     "Per month and per reform the trips, worst-case trips, windows and working days saved, and the "
     "indicators; --monthly gives month,id,volume counts, --case-log counts them from a case log (the cases of "
     "each month per matter), --volumes one month's counts used for every month.",
     roadmap},
    {"asof", "the catalogue in force on a day, on stdout", "", asof},
    {"diff", "every field that differs between two catalogues (* where no figure reads it)", "", diff},
    {"import-listing", "the platform's implementation-list tables (CSV) as an onetrip/1 catalogue",
     "CSV in UTF-8 or GB18030 (save XLSX sheets as CSV, or use onetrip.listing.read); the catalogue on stdout "
     "without --out, the mapping report of every cell, the audit of declared trips (docs/listing-import.md).",
     import_listing},
    {"version", "the library version", "", version},
};

// Usage lines that name the tool: "Usage: onetrip deadline [OPTIONS]".
class Formatter : public CLI::Formatter {
 public:
  std::string make_usage(const CLI::App* app, std::string name) const override {
    if (app->get_parent() != nullptr) name = "onetrip " + app->get_name();
    return CLI::Formatter::make_usage(app, std::move(name));
  }
};

// The command given, if any (the deepest one parsed).
CLI::App* selected(CLI::App& app) {
  CLI::App* last = &app;
  while (!last->get_subcommands().empty()) last = last->get_subcommands().front();
  return last;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app(
      "onetrip — trips, working-day due dates, what-if reforms and the monthly report of a government "
      "service centre (docs/tool.md)",
      "onetrip");
  app.formatter(std::make_shared<Formatter>());
  app.set_version_flag("--version", std::string("onetrip ") + onetrip::version_string());
  app.require_subcommand(1);
  app.footer(
      "onetrip COMMAND --help shows a command's options. Exit codes: 0 done, 1 the command failed (the "
      "reason on stderr), 2 a usage error.");
  std::map<const CLI::App*, Run> runs;
  for (const Command& command : kCommands) {
    CLI::App* c = app.add_subcommand(command.name, command.summary);
    if (*command.details != '\0') c->footer(command.details);
    runs[c] = command.setup(*c);
  }
  CLI::App* help = app.add_subcommand("help", "the list of commands (as --help), or a command's help");
  std::string topic;
  help->add_option("command", topic, "the command")->check(CLI::IsMember([] {
    std::vector<std::string> names;
    for (const Command& command : kCommands) names.push_back(command.name);
    return names;
  }()));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << selected(app)->help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion& e) {
    std::cout << e.what() << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    CLI::App* c = selected(app);
    std::cerr << "onetrip" << (c == &app ? "" : " " + c->get_name()) << ": " << e.what() << "\n\n" << c->help();
    return 2;
  }
  CLI::App* c = selected(app);
  if (c == help) {  // the tool's help, not the help command's (app.help() would give that)
    std::cout << (topic.empty() ? app.get_formatter()->make_help(&app, "onetrip", CLI::AppFormatMode::Normal)
                                : app.get_subcommand(topic)->help());
    return 0;
  }
  const absl::Status status = runs.at(c)();
  if (!status.ok()) {
    std::cerr << "onetrip " << c->get_name() << ": " << status.message() << "\n";
    return 1;
  }
  return 0;
}
