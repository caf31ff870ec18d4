/* The one-time notice through the C ABI, worked by hand from the Yuyao
 * bulletin's rules (tests/data/catalog/situations.json): a 小餐饮店 of 40 m² is
 * registered in one visit, one of 60 m² is sent to the 食品经营许可, a house
 * without legal proof cannot be filed, the sublease consent follows the
 * answer; bad answers name the question and change nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "onetrip.h"

static int has_material(const onetrip_notice* n, size_t count, const char* id) {
  size_t i;
  for (i = 0; i < count; ++i) {
    const char* got = NULL;
    int32_t copies = 0;
    bool shared = false, certain = false;
    if (onetrip_notice_material(n, i, &got, &copies, &shared, &certain) == ONETRIP_OK && strcmp(got, id) == 0) {
      return 1;
    }
  }
  return 0;
}

int main(void) {
  char path[1024];
  size_t len = 0;
  char* json;
  onetrip_catalog* c = NULL;
  onetrip_notice* n = NULL;
  onetrip_notice* untouched = (onetrip_notice*)&g_passed;
  onetrip_notice_summary s = ONETRIP_NOTICE_SUMMARY_INIT;
  onetrip_notice_options options = ONETRIP_NOTICE_OPTIONS_INIT;
  const char* reason = NULL;
  const char* basis = NULL;
  const char* instead = NULL;
  const char* text = NULL;
  const char* id = NULL;
  const char* small_restaurant[] = {"business=小餐饮店", "area=40", "foods="};
  const char* large_restaurant[] = {"business=小餐饮店", "area=60"};
  const char* no_proof[] = {"legal_proof=no"};
  const char* sublease[] = {"legal_proof=yes", "use_changed=no", "dangerous=no", "protected_housing=no",
                            "sublease=yes"};
  const char* bad[] = {"area=forty"};
  const char* unknown[] = {"landlord=yes"};

  snprintf(path, sizeof path, "%s/tests/data/catalog/situations.json", ONETRIP_SOURCE_DIR);
  json = read_file(path, &len);
  CHECK(json != NULL);
  CHECK(onetrip_catalog_load_json(json, len, &c) == ONETRIP_OK);

  /* 40 m²: within "不超过50平方米"; one visit, due the same day. */
  options.start = date(2017, 7, 3);
  CHECK(onetrip_notice_make(c, "sanxiao", 7, small_restaurant, 3, &options, &n) == ONETRIP_OK);
  CHECK(onetrip_notice_get_summary(n, &s) == ONETRIP_OK);
  CHECK(s.eligibility == ONETRIP_ELIGIBLE);
  CHECK(s.trips == 1 && s.workdays == 0 && s.member_count == 2);
  CHECK(s.due.year == 2017 && s.due.month == 7 && s.due.day == 3);
  CHECK(s.material_count == 3 && s.open_question_count == 0);
  CHECK(has_material(n, s.material_count, "id-copy"));
  CHECK(onetrip_notice_text(n, false, &text) == ONETRIP_OK && strstr(text, "能否办理：可以办理") != NULL);
  CHECK(onetrip_notice_refusal(n, 0, &reason, &basis, &instead) == ONETRIP_OUT_OF_RANGE);
  onetrip_notice_free(n);
  n = NULL;

  /* 60 m²: the licence instead. */
  CHECK(onetrip_notice_make(c, "SC-05", 5, large_restaurant, 2, NULL, &n) == ONETRIP_OK);
  CHECK(onetrip_notice_get_summary(n, &s) == ONETRIP_OK);
  CHECK(s.eligibility == ONETRIP_NOT_ELIGIBLE && s.refusal_count == 1);
  CHECK(onetrip_notice_refusal(n, 0, &reason, &basis, &instead) == ONETRIP_OK);
  CHECK(strstr(reason, "不超过50平方米") != NULL && strcmp(instead, "FL-01") == 0 && basis[0] != '\0');
  CHECK(onetrip_notice_text(n, true, &text) == ONETRIP_OK && strstr(text, "\"eligibility\": \"not_eligible\"") != NULL);
  onetrip_notice_free(n);
  n = NULL;

  /* A house without legal proof: "不得办理". */
  CHECK(onetrip_notice_make(c, "FW-01", 5, no_proof, 1, NULL, &n) == ONETRIP_OK);
  CHECK(onetrip_notice_get_summary(n, &s) == ONETRIP_OK);
  CHECK(s.eligibility == ONETRIP_NOT_ELIGIBLE && s.refusal_count == 1);
  CHECK(onetrip_notice_refusal(n, 0, &reason, &basis, &instead) == ONETRIP_OK);
  CHECK(strstr(reason, "无合法证明的房屋") != NULL && instead[0] == '\0');
  onetrip_notice_free(n);
  n = NULL;

  /* Subletting brings the consent; the agent question is still open. */
  CHECK(onetrip_notice_make(c, "FW-01", 5, sublease, 5, NULL, &n) == ONETRIP_OK);
  CHECK(onetrip_notice_get_summary(n, &s) == ONETRIP_OK);
  CHECK(s.eligibility == ONETRIP_ELIGIBLE);
  CHECK(has_material(n, s.material_count, "sublease-consent"));
  CHECK(s.open_question_count == 1);
  CHECK(onetrip_notice_open_question(n, 0, &id) == ONETRIP_OK && strcmp(id, "agent") == 0);
  CHECK(onetrip_notice_open_question(n, 1, &id) == ONETRIP_OUT_OF_RANGE);
  onetrip_notice_free(n);

  /* Bad answers: named, and *out left NULL. */
  n = untouched;
  CHECK(onetrip_notice_make(c, "SC-05", 5, bad, 1, NULL, &n) == ONETRIP_INVALID_ARGUMENT);
  CHECK(n == NULL);
  CHECK(strstr(onetrip_last_error(), "\"area\"") != NULL && strstr(onetrip_last_error(), "a number") != NULL);
  CHECK(onetrip_notice_make(c, "FW-01", 5, unknown, 1, NULL, &n) == ONETRIP_INVALID_ARGUMENT);
  CHECK(strstr(onetrip_last_error(), "unknown question \"landlord\"") != NULL);
  CHECK(onetrip_notice_make(c, "XX-99", 5, NULL, 0, NULL, &n) == ONETRIP_NOT_FOUND);
  CHECK(onetrip_notice_make(NULL, "SC-05", 5, NULL, 0, NULL, &n) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_notice_make(c, "SC-05", 5, NULL, 1, NULL, &n) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_notice_get_summary(NULL, &s) == ONETRIP_INVALID_ARGUMENT);
  CHECK(onetrip_notice_options_init(&options, (uint32_t)sizeof options) == ONETRIP_OK);
  CHECK(onetrip_notice_summary_init(&s, 5) == ONETRIP_INVALID_ARGUMENT);
  onetrip_notice_free(NULL);

  /* Situation volumes: SC-02's 30 股东 changes cost 2 trips in the worst case, its 70 名称 changes 1. */
  {
    static const char cases[] = "matter,situation,volume\nSC-02,items=股东,30\nSC-02,items=名称,70\n";
    static const char shares[] = "matter,situation,share\nSC-02,items=股东,0.3\nSC-02,items=名称,0.7\n";
    static const char matter_volume[] = "id,volume\nSC-02,100\n";
    static const char bad[] = "matter,situation,volume\nSC-02,items=股东,30\nSC-02,itemz=名称,70\n";
    static const char online[] =
        "{\"schema\": \"onetrip-scenario/1\", \"reforms\": [{\"reform\": \"online_application\", \"online\": "
        "\"pre_review\", \"matter\": \"SC-02\", \"situation\": \"items has \\\"股东\\\"\"}]}";
    onetrip_indicators ind = ONETRIP_INDICATORS_INIT;
    onetrip_catalog* after = NULL;
    onetrip_comparison* cmp = NULL;
    onetrip_comparison_totals totals = ONETRIP_COMPARISON_TOTALS_INIT;
    const char* path = NULL;
    const char* message = NULL;
    CHECK(onetrip_catalog_indicators_csv(c, NULL, 0, cases, sizeof cases - 1, &ind) == ONETRIP_OK);
    CHECK(ind.weighted && ind.volume == 100);
    CHECK(ind.mean_worst_case - 1.3 < 1e-12 && ind.mean_worst_case - 1.3 > -1e-12);
    ind.mean_worst_case = 0;
    CHECK(onetrip_catalog_indicators_csv(c, matter_volume, sizeof matter_volume - 1, shares, sizeof shares - 1, &ind) ==
          ONETRIP_OK);
    CHECK(ind.mean_worst_case - 1.3 < 1e-12 && ind.mean_worst_case - 1.3 > -1e-12);
    CHECK(onetrip_catalog_indicators_csv(c, NULL, 0, bad, sizeof bad - 1, &ind) == ONETRIP_INVALID_ARGUMENT);
    CHECK(onetrip_last_problem(0, &path, &message) == ONETRIP_OK && strcmp(path, "line 3") == 0 &&
          strstr(message, "itemz") != NULL);
    CHECK(onetrip_catalog_indicators_csv(NULL, NULL, 0, NULL, 0, &ind) == ONETRIP_INVALID_ARGUMENT);
    CHECK(onetrip_catalog_apply_json(c, online, sizeof online - 1, &after) == ONETRIP_OK);
    CHECK(onetrip_compare_situations(c, after, NULL, 0, cases, sizeof cases - 1, NULL, NULL, NULL, &cmp) == ONETRIP_OK);
    CHECK(onetrip_comparison_totals_get(cmp, &totals) == ONETRIP_OK);
    CHECK(totals.worst_case_saved == 30); /* the 股东 cases, one trip each */
    onetrip_comparison_free(cmp);
    cmp = NULL;
    CHECK(onetrip_compare_situations(c, after, matter_volume, sizeof matter_volume - 1, NULL, 0, NULL, NULL, NULL,
                                     &cmp) == ONETRIP_OK);
    CHECK(onetrip_comparison_totals_get(cmp, &totals) == ONETRIP_OK);
    CHECK(totals.worst_case_saved == 0); /* by the matter alone the reform is not seen */
    onetrip_comparison_free(cmp);
    onetrip_catalog_free(after);
  }

  /* The roadmap with situation volumes: the 股东 change online from 2017-07-12 saves the 30 股东
   * cases a worst-case trip each, in July for 14 of its 21 working days. */
  {
    static const char cases[] = "matter,situation,volume\nSC-02,items=股东,30\nSC-02,items=名称,70\n";
    static const char matter_only[] = "id,volume\nSC-02,1\n";
    static const char dated[] =
        "{\"schema\": \"onetrip-scenario/1\", \"reforms\": [{\"reform\": \"online_application\", \"online\": "
        "\"pre_review\", \"matter\": \"SC-02\", \"situation\": \"items has \\\"股东\\\"\", \"effective_from\": "
        "\"2017-07-12\"}]}";
    onetrip_roadmap* r = NULL;
    onetrip_roadmap_month july = ONETRIP_ROADMAP_MONTH_INIT, august = ONETRIP_ROADMAP_MONTH_INIT;
    const onetrip_date first = {2017, 7, 1}, last = {2017, 8, 1};
    CHECK(onetrip_roadmap_make_situations(c, dated, sizeof dated - 1, NULL, first, last, NULL, 0, NULL, 0, cases,
                                          sizeof cases - 1, &r) == ONETRIP_OK);
    CHECK(onetrip_roadmap_month_get(r, 0, &july) == ONETRIP_OK &&
          onetrip_roadmap_month_get(r, 1, &august) == ONETRIP_OK);
    CHECK(july.worst_case_saved - 20 < 1e-9 && july.worst_case_saved - 20 > -1e-9);
    CHECK(august.worst_case_saved == 30 && august.trips_saved == 0 && august.volume == 100);
    onetrip_roadmap_free(r);
    r = NULL;
    CHECK(onetrip_roadmap_make_situations(c, dated, sizeof dated - 1, NULL, first, last, NULL, 0, NULL, 0, NULL, 0,
                                          &r) == ONETRIP_OK);
    CHECK(onetrip_roadmap_month_get(r, 1, &august) == ONETRIP_OK && august.worst_case_saved == 0);
    onetrip_roadmap_free(r);
    r = NULL;
    CHECK(onetrip_roadmap_make_situations(c, dated, sizeof dated - 1, NULL, first, last, NULL, 0, NULL, 0, matter_only,
                                          sizeof matter_only - 1, &r) == ONETRIP_INVALID_ARGUMENT);
    CHECK(r == NULL);
  }

  onetrip_catalog_free(c);
  free(json);
  return report_checks();
}
