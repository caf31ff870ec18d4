"""onetrip.bpmn: bundles out as BPMN 2.0 and back in with the same structure; dated
timers are the calendar's due dates; another modeller's elements are listed; bad
files raise naming what and where."""
import datetime
import os
import xml.etree.ElementTree as ET

import pytest

import onetrip
from onetrip import bpmn

SOURCE = os.environ.get("ONETRIP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
YUYAO = os.path.join(SOURCE, "examples", "yuyao-2017", "catalog.json")
NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL"}


@pytest.fixture(scope="module")
def yuyao():
    return onetrip.Catalog.load(YUYAO)


def structure(catalog, bundle_id):
    b = catalog.bundle(bundle_id)
    limits = [(catalog.matter(code).project_type, catalog.matter(code).promised_limit) for code in b.members]
    return (list(b.members), sorted(tuple(e) for e in b.edges), b.lead, b.acceptance, b.results,
            catalog.schedule(bundle_id).handling, limits)


@pytest.mark.parametrize("engine", bpmn.ENGINES)
def test_every_yuyao_bundle_round_trips(yuyao, engine):
    for b in yuyao.bundles:
        xml = bpmn.export(yuyao, b.id, engine=engine)
        back = bpmn.read(xml)
        assert back.unmapped == []
        assert back.bundle == b.id
        assert structure(back.catalog, b.id) == structure(yuyao, b.id)
        # The rules answer the same on what a process holds: the counted working days.
        assert back.catalog.schedule(b.id).counted_workdays == yuyao.schedule(b.id).counted_workdays


def test_dated_timers_are_the_calendars_due_dates(yuyao):
    accepted = datetime.date(2017, 9, 29)
    xml = bpmn.export(yuyao, "guihua-simen", engine="camunda", accepted=accepted)
    root = ET.fromstring(xml)
    schedule = yuyao.schedule("guihua-simen")
    china = onetrip.Calendar.china()
    members = yuyao.bundle("guihua-simen").members
    for k, member in enumerate(schedule.members, start=1):
        matter = yuyao.matter(members[k - 1])
        start = china.add_workdays(accepted, member.earliest_start)
        due = china.add_workdays(start, matter.promised_limit)
        timer = root.find(f".//bpmn:boundaryEvent[@id='Limit_{k}']", NS)
        assert timer.get("attachedToRef") == f"Task_{k}"
        assert timer.find("bpmn:timerEventDefinition/bpmn:timeDate", NS).text == f"{due.isoformat()}T23:59:59+08:00"


def test_a_custom_calendar_gives_its_own_dates(yuyao):
    # A hall that works Monday to Friday with no holidays at all: 7 working days
    # from Friday 2017-09-29 end on Tuesday 10-10 (China's calendar: 10-16).
    plain = onetrip.Calendar.from_rules(datetime.date(2017, 1, 1), datetime.date(2018, 12, 31))
    root = ET.fromstring(bpmn.export(yuyao, "guihua-simen", accepted=datetime.date(2017, 9, 29), calendar=plain))
    first = root.find(".//bpmn:boundaryEvent[@id='Limit_1']/bpmn:timerEventDefinition/bpmn:timeDate", NS)
    assert first.text == "2017-10-10T23:59:59+08:00"
    root = ET.fromstring(bpmn.export(yuyao, "guihua-simen", accepted=datetime.date(2017, 9, 29)))
    first = root.find(".//bpmn:boundaryEvent[@id='Limit_1']/bpmn:timerEventDefinition/bpmn:timeDate", NS)
    assert first.text == "2017-10-16T23:59:59+08:00"


def test_engine_dialects(yuyao):
    flowable = bpmn.export(yuyao, "road-excavation", engine="flowable", business_calendar="chinaWorkdays")
    assert 'flowable:businessCalendarName="chinaWorkdays"' in flowable
    camunda = bpmn.export(yuyao, "road-excavation", engine="camunda", business_calendar="chinaWorkdays")
    assert "${chinaWorkdays.workdaysFromNow(" in camunda and "flowable:" not in camunda
    plain = bpmn.export(yuyao, "road-excavation")
    assert "group(zhujian)" in plain and "camunda:" not in plain and "flowable:" not in plain


def test_another_modellers_process_is_read_with_what_it_cannot_map():
    xml = """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                 xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="x">
      <process id="permit" name="施工许可">
        <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="a"/>
        <userTask id="a" name="消防审查" camunda:candidateGroups="xiaofang"/>
        <sequenceFlow id="f2" sourceRef="a" targetRef="mail"/>
        <serviceTask id="mail" name="短信通知"/>
        <sequenceFlow id="f3" sourceRef="mail" targetRef="b"/>
        <userTask id="b" name="施工许可" camunda:candidateGroups="zhujian"/>
        <sequenceFlow id="f4" sourceRef="b" targetRef="e"/><endEvent id="e"/>
      </process></definitions>"""
    imported = bpmn.read(xml.encode())
    assert [m.code for m in imported.catalog.matters] == ["a", "b"]
    assert ("mail", "serviceTask") in [(u.id, u.kind) for u in imported.unmapped]
    assert all(u.note for u in imported.unmapped)
    assert "BpmnImport" in repr(imported)


def test_a_file_path(yuyao, tmp_path):
    path = tmp_path / "b.bpmn"
    path.write_text(bpmn.export(yuyao, "anjian-hazchem"), encoding="utf-8")
    assert bpmn.read(path).bundle == "anjian-hazchem"
    assert bpmn.read(str(path)).bundle == "anjian-hazchem"
    assert bpmn.read("\ufeff\n" + path.read_text(encoding="utf-8")).bundle == "anjian-hazchem"  # text, not a path


@pytest.mark.parametrize("xml, message", [
    ("<a><b></a>", "not XML"),
    ("<html/>", "not BPMN 2.0"),
    ('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"/>', "no <process>"),
    ('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">'
     '<userTask id="a"/><userTask id="b"/><sequenceFlow id="1" sourceRef="a" targetRef="b"/>'
     '<sequenceFlow id="2" sourceRef="b" targetRef="a"/></process></definitions>', "cycle: a → b → a"),
])
def test_bad_files_raise_naming_what(xml, message):
    with pytest.raises(onetrip.InvalidArgumentError, match=message):
        bpmn.read(xml)


def test_bad_arguments_are_named(yuyao):
    with pytest.raises(onetrip.InvalidArgumentError, match="'activiti'"):
        bpmn.export(yuyao, "road-excavation", engine="activiti")
    with pytest.raises(onetrip.NotFoundError, match="nowhere"):
        bpmn.export(yuyao, "nowhere")
    with pytest.raises(TypeError, match="accepted"):
        bpmn.export(yuyao, "road-excavation", accepted=1.5)
    with pytest.raises(TypeError, match="xml"):
        onetrip._onetrip._bpmn_import(3)
    with pytest.raises(onetrip.OutOfRangeError):
        bpmn.export(yuyao, "guihua-simen", accepted=datetime.date(2026, 12, 30))
