/* BPMN 2.0 out and in through the C ABI: a Yuyao bundle exported in each
 * engine's dialect and read back with the same members and edges; dated
 * timers; the options struct checked; bad files refused with a message and
 * *out untouched; another modeller's elements listed as unmapped. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "onetrip.h"

#define CHECK_OK(call) CHECK((call) == ONETRIP_OK)

int main(void) {
  size_t json_len = 0;
  char* json = read_file(ONETRIP_SOURCE_DIR "/examples/yuyao-2017/catalog.json", &json_len);
  onetrip_catalog* catalog = NULL;
  CHECK_OK(onetrip_catalog_load_json(json, json_len, &catalog));
  free(json);
  uint32_t bundle = 0;
  CHECK_OK(onetrip_catalog_find(catalog, ONETRIP_ENTITY_BUNDLE, "guihua-simen", strlen("guihua-simen"), &bundle));
  onetrip_bundle_info info = ONETRIP_BUNDLE_INFO_INIT;
  CHECK_OK(onetrip_catalog_bundle(catalog, bundle, &info));

  for (int engine = ONETRIP_BPMN_PLAIN; engine <= ONETRIP_BPMN_CAMUNDA; ++engine) {
    onetrip_bpmn_options options;
    CHECK_OK(onetrip_bpmn_options_init(&options, sizeof options));
    options.engine = (onetrip_bpmn_engine)engine;
    char* xml = NULL;
    size_t len = 0;
    CHECK_OK(onetrip_bundle_bpmn(catalog, bundle, &options, &xml, &len));
    CHECK(xml != NULL && strlen(xml) == len);
    CHECK(strstr(xml, "<bpmn:definitions") != NULL);
    CHECK((strstr(xml, "flowable:candidateGroups=\"guihua\"") != NULL) == (engine == ONETRIP_BPMN_FLOWABLE));
    CHECK((strstr(xml, "camunda:candidateGroups=\"guihua\"") != NULL) == (engine == ONETRIP_BPMN_CAMUNDA));

    onetrip_bpmn_import* imported = NULL;
    CHECK_OK(onetrip_bpmn_import_xml(xml, len, &imported));
    onetrip_string_free(xml);
    size_t unmapped = 99;
    CHECK_OK(onetrip_bpmn_import_unmapped_count(imported, &unmapped));
    CHECK(unmapped == 0);
    onetrip_catalog* back = NULL;
    CHECK_OK(onetrip_bpmn_import_catalog(imported, &back));
    onetrip_bpmn_import_free(imported); /* the catalogue outlives it */
    onetrip_bundle_info again = ONETRIP_BUNDLE_INFO_INIT;
    CHECK_OK(onetrip_catalog_bundle(back, 0, &again));
    CHECK(again.member_count == info.member_count && again.edge_count == info.edge_count);
    CHECK(strcmp(again.id, "guihua-simen") == 0);
    for (size_t e = 0; e < again.edge_count; ++e) {
      onetrip_bundle_edge a = ONETRIP_BUNDLE_EDGE_INIT, b = ONETRIP_BUNDLE_EDGE_INIT;
      CHECK_OK(onetrip_catalog_bundle_edge(catalog, bundle, (uint32_t)e, &a));
      CHECK_OK(onetrip_catalog_bundle_edge(back, 0, (uint32_t)e, &b));
      CHECK(a.from == b.from && a.to == b.to && a.kind == b.kind && a.days == b.days);
    }
    onetrip_catalog_free(back);
  }

  /* Dated: accepted Friday 2017-09-29, the first member's 7 working days are
   * Saturday 09-30 (a makeup working day), then 10-09 to 10-13 and 10-16
   * after the National Day holiday. */
  {
    onetrip_bpmn_options options = ONETRIP_BPMN_OPTIONS_INIT;
    onetrip_date accepted = {2017, 9, 29};
    options.engine = ONETRIP_BPMN_FLOWABLE;
    options.accepted = &accepted;
    char* xml = NULL;
    CHECK_OK(onetrip_bundle_bpmn(catalog, bundle, &options, &xml, NULL));
    CHECK(strstr(xml, "flowable:dueDate=\"2017-10-16T23:59:59+08:00\"") != NULL);
    onetrip_string_free(xml);
    onetrip_date bad = {2017, 2, 30};
    options.accepted = &bad;
    xml = NULL;
    CHECK(onetrip_bundle_bpmn(catalog, bundle, &options, &xml, NULL) == ONETRIP_INVALID_ARGUMENT);
    CHECK(xml == NULL && strstr(onetrip_last_error(), "options->accepted") != NULL);
  }

  /* Bad arguments. */
  {
    onetrip_bpmn_options options = ONETRIP_BPMN_OPTIONS_INIT;
    char* xml = NULL;
    options.engine = (onetrip_bpmn_engine)7;
    CHECK(onetrip_bundle_bpmn(catalog, bundle, &options, &xml, NULL) == ONETRIP_INVALID_ARGUMENT);
    CHECK(strstr(onetrip_last_error(), "engine") != NULL);
    options.engine = ONETRIP_BPMN_CAMUNDA;
    options.business_calendar = "two words";
    CHECK(onetrip_bundle_bpmn(catalog, bundle, &options, &xml, NULL) == ONETRIP_INVALID_ARGUMENT);
    options.business_calendar = NULL;
    options.struct_size = 5;
    CHECK(onetrip_bundle_bpmn(catalog, bundle, &options, &xml, NULL) == ONETRIP_INVALID_ARGUMENT);
    CHECK(onetrip_bundle_bpmn(catalog, 999, NULL, &xml, NULL) == ONETRIP_OUT_OF_RANGE);
    CHECK(onetrip_bundle_bpmn(NULL, bundle, NULL, &xml, NULL) == ONETRIP_INVALID_ARGUMENT);
    CHECK(onetrip_bundle_bpmn(catalog, bundle, NULL, NULL, NULL) == ONETRIP_INVALID_ARGUMENT);
    CHECK(xml == NULL);
  }

  /* Bad files: refused, *out untouched. */
  {
    const char* bad[] = {"", "<a><b></a>", "<html/>",
                         "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
      onetrip_bpmn_import* imported = (onetrip_bpmn_import*)&bundle; /* a sentinel */
      CHECK(onetrip_bpmn_import_xml(bad[i], strlen(bad[i]), &imported) == ONETRIP_INVALID_ARGUMENT);
      CHECK(imported == (onetrip_bpmn_import*)&bundle);
      CHECK(strlen(onetrip_last_error()) > 0);
    }
    onetrip_bpmn_import* imported = NULL;
    CHECK(onetrip_bpmn_import_xml(NULL, 3, &imported) == ONETRIP_INVALID_ARGUMENT);
    CHECK(onetrip_bpmn_import_xml("", 0, NULL) == ONETRIP_INVALID_ARGUMENT);
  }

  /* Another modeller's process: the service task listed by id and kind. */
  {
    const char* xml =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"><process id=\"p\">"
        "<userTask id=\"a\" camunda:candidateGroups=\"zhujian\"/><serviceTask id=\"mail\"/>"
        "<userTask id=\"b\" camunda:candidateGroups=\"gongan\"/>"
        "<sequenceFlow id=\"1\" sourceRef=\"a\" targetRef=\"mail\"/>"
        "<sequenceFlow id=\"2\" sourceRef=\"mail\" targetRef=\"b\"/></process></definitions>";
    onetrip_bpmn_import* imported = NULL;
    CHECK_OK(onetrip_bpmn_import_xml(xml, strlen(xml), &imported));
    size_t count = 0;
    CHECK_OK(onetrip_bpmn_import_unmapped_count(imported, &count));
    int found = 0;
    for (size_t i = 0; i < count; ++i) {
      const char *id = NULL, *kind = NULL, *note = NULL;
      CHECK_OK(onetrip_bpmn_import_unmapped(imported, i, &id, &kind, &note));
      if (strcmp(id, "mail") == 0 && strcmp(kind, "serviceTask") == 0) found = 1;
    }
    CHECK(found);
    const char *id = NULL, *kind = NULL, *note = NULL;
    CHECK(onetrip_bpmn_import_unmapped(imported, count, &id, &kind, &note) == ONETRIP_OUT_OF_RANGE);
    onetrip_catalog* back = NULL;
    CHECK_OK(onetrip_bpmn_import_catalog(imported, &back));
    onetrip_bundle_edge edge = ONETRIP_BUNDLE_EDGE_INIT;
    CHECK_OK(onetrip_catalog_bundle_edge(back, 0, 0, &edge));
    CHECK(edge.from == 0 && edge.to == 1); /* through the service task */
    onetrip_catalog_free(back);
    onetrip_bpmn_import_free(imported);
  }
  onetrip_bpmn_import_free(NULL);
  onetrip_catalog_free(catalog);
  return report_checks();
}
