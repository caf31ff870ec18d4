// The one-time notice through the C ABI: a handle holding the notice and its
// text and JSON forms, read by accessors.
#include <string>
#include <vector>

#include "capi_internal.hpp"
#include "mirror.hpp"
#include "onetrip.h"
#include "onetrip/compare.hpp"
#include "onetrip/notice.hpp"

struct onetrip_notice {
  onetrip::Notice value;
  std::vector<std::string> material_ids;
  std::string text;
  std::string json;
};

using onetrip::capi::guard;

onetrip_status onetrip_notice_make(const onetrip_catalog* catalog, const char* code_utf8, size_t code_len,
                                   const char* const* answers, size_t answer_count,
                                   const onetrip_notice_options* options, onetrip_notice** out) {
  if (out) *out = nullptr;
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(catalog);
    ONETRIP_REQUIRE(code_utf8);
    ONETRIP_REQUIRE(out);
    if (answer_count > 0 && answers == nullptr) return onetrip::capi::null_argument("answers");
    auto opts = onetrip::capi::read_struct(options, "options");
    if (!opts.ok()) return opts.status();
    std::vector<std::string> texts;
    texts.reserve(answer_count);
    for (size_t i = 0; i < answer_count; ++i) {
      if (answers[i] == nullptr) return absl::InvalidArgumentError(absl::StrCat("answers[", i, "] is NULL"));
      texts.emplace_back(answers[i]);
    }
    const onetrip::Calendar china = onetrip::Calendar::china();
    onetrip::NoticeOptions notice_options;
    const bool dated = opts->start.year != 0 || opts->start.month != 0 || opts->start.day != 0;
    if (dated) {
      auto start = onetrip::capi::to_date(opts->start, "options.start");
      if (!start.ok()) return start.status();
      notice_options.start = *start;
      notice_options.calendar = opts->calendar ? &opts->calendar->value : &china;
    }
    auto made = onetrip::notice(catalog->value, std::string(code_utf8, code_len), texts, notice_options);
    if (!made.ok()) return made.status();
    auto handle = std::make_unique<onetrip_notice>();
    handle->value = *std::move(made);
    for (const onetrip::NoticeMaterial& m : handle->value.materials) {
      handle->material_ids.push_back(catalog->value.materials()[m.material].id);
    }
    handle->text = onetrip::notice_text(catalog->value, handle->value);
    handle->json = onetrip::notice_json(catalog->value, handle->value);
    *out = handle.release();
    return absl::OkStatus();
  });
}

void onetrip_notice_free(onetrip_notice* notice) { delete notice; }

onetrip_status onetrip_notice_get_summary(const onetrip_notice* notice, onetrip_notice_summary* out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(notice);
    if (auto s = onetrip::capi::check_struct(out, "out"); !s.ok()) return s;
    const onetrip::Notice& n = notice->value;
    onetrip_notice_summary full = ONETRIP_NOTICE_SUMMARY_INIT;
    full.eligibility = onetrip::capi::to_c(n.eligibility);
    full.trips = n.trips.trips;
    full.worst_case = n.trips.worst_case;
    full.workdays = n.workdays;
    if (n.due) full.due = onetrip::capi::from_date(*n.due);
    full.member_count = n.members.size();
    full.refusal_count = n.refusals.size();
    full.material_count = n.materials.size();
    full.open_question_count = n.open_questions.size();
    return onetrip::capi::write_struct(full, out);
  });
}

onetrip_status onetrip_notice_refusal(const onetrip_notice* notice, size_t index, const char** out_reason,
                                      const char** out_basis, const char** out_instead) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(notice);
    ONETRIP_REQUIRE(out_reason);
    ONETRIP_REQUIRE(out_basis);
    ONETRIP_REQUIRE(out_instead);
    if (auto s = onetrip::capi::check_index(index, notice->value.refusals.size(), "refusal"); !s.ok()) return s;
    const onetrip::NoticeRefusal& r = notice->value.refusals[index];
    *out_reason = r.reason.c_str();
    *out_basis = r.basis.c_str();
    *out_instead = r.instead.c_str();
    return absl::OkStatus();
  });
}

onetrip_status onetrip_notice_material(const onetrip_notice* notice, size_t index, const char** out_id,
                                       int32_t* out_copies, bool* out_shared, bool* out_certain) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(notice);
    ONETRIP_REQUIRE(out_id);
    ONETRIP_REQUIRE(out_copies);
    ONETRIP_REQUIRE(out_shared);
    ONETRIP_REQUIRE(out_certain);
    if (auto s = onetrip::capi::check_index(index, notice->value.materials.size(), "material"); !s.ok()) return s;
    const onetrip::NoticeMaterial& m = notice->value.materials[index];
    *out_id = notice->material_ids[index].c_str();
    *out_copies = m.copies;
    *out_shared = m.shared;
    *out_certain = m.certain;
    return absl::OkStatus();
  });
}

onetrip_status onetrip_notice_open_question(const onetrip_notice* notice, size_t index, const char** out_id) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(notice);
    ONETRIP_REQUIRE(out_id);
    if (auto s = onetrip::capi::check_index(index, notice->value.open_questions.size(), "open question"); !s.ok()) {
      return s;
    }
    *out_id = notice->value.open_questions[index].id.c_str();
    return absl::OkStatus();
  });
}

onetrip_status onetrip_notice_text(const onetrip_notice* notice, bool json, const char** out) {
  return guard([&]() -> absl::Status {
    ONETRIP_REQUIRE(notice);
    ONETRIP_REQUIRE(out);
    *out = json ? notice->json.c_str() : notice->text.c_str();
    return absl::OkStatus();
  });
}

namespace onetrip::capi {

absl::StatusOr<Volumes> volumes_of(const Catalog& catalog, const char* volumes_csv, size_t volumes_len,
                                   const char* situation_csv, size_t situation_len, std::vector<Problem>* problems) {
  Volumes out;
  if (volumes_csv != nullptr) {
    auto loaded = load_volumes_csv(catalog, std::string_view(volumes_csv, volumes_len), problems);
    if (!loaded.ok()) return loaded.status();
    if (!loaded->situations.empty()) {
      return absl::InvalidArgumentError("volumes_csv: situation volumes (matter,situation,…) go in situation_csv");
    }
    out = *std::move(loaded);
  }
  if (situation_csv != nullptr) {
    auto loaded = load_volumes_csv(catalog, std::string_view(situation_csv, situation_len), problems);
    if (!loaded.ok()) return loaded.status();
    if (loaded->situations.empty()) {
      return absl::InvalidArgumentError(
          "situation_csv: not situation volumes (the header is matter,situation,volume or matter,situation,share)");
    }
    if (absl::Status added = add_volumes(*loaded, out); !added.ok()) return added;
  }
  return out;
}

}  // namespace onetrip::capi
