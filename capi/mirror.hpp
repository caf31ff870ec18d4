// Internal to the C ABI: the C enums of onetrip.h that mirror a C++ enum (or
// absl::StatusCode), each value checked equal by the compiler, and the only
// conversions between them. A C++ enum renumbered, or a C value changed, does
// not compile; a C value is frozen forever (docs/api-stability.md), so a
// C++ enum that changes order needs a conversion table here instead.
#ifndef ONETRIP_CAPI_MIRROR_HPP_
#define ONETRIP_CAPI_MIRROR_HPP_

#include "absl/status/status.h"
#include "onetrip.h"
#include "onetrip/audit.hpp"
#include "onetrip/bpmn.hpp"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/clock.hpp"
#include "onetrip/diff.hpp"
#include "onetrip/listing.hpp"
#include "onetrip/notice.hpp"
#include "onetrip/schedule.hpp"
#include "onetrip/trips.hpp"

namespace onetrip::capi {

#define ONETRIP_SAME(c_value, cpp_value) \
  static_assert(static_cast<int>(c_value) == static_cast<int>(cpp_value), #c_value " mirrors " #cpp_value)

// The conversions: to_c for values the library hands out, to_cpp for values a
// caller passes in (checked to be in range by the entry point first).
#define ONETRIP_MIRROR(c_type, cpp_type)                                    \
  inline c_type to_c(cpp_type value) { return static_cast<c_type>(value); } \
  inline cpp_type to_cpp(c_type value) { return static_cast<cpp_type>(value); }

// ---- status codes: absl's canonical codes -------------------------------------------
ONETRIP_SAME(ONETRIP_OK, absl::StatusCode::kOk);
ONETRIP_SAME(ONETRIP_CANCELLED, absl::StatusCode::kCancelled);
ONETRIP_SAME(ONETRIP_UNKNOWN, absl::StatusCode::kUnknown);
ONETRIP_SAME(ONETRIP_INVALID_ARGUMENT, absl::StatusCode::kInvalidArgument);
ONETRIP_SAME(ONETRIP_DEADLINE_EXCEEDED, absl::StatusCode::kDeadlineExceeded);
ONETRIP_SAME(ONETRIP_NOT_FOUND, absl::StatusCode::kNotFound);
ONETRIP_SAME(ONETRIP_ALREADY_EXISTS, absl::StatusCode::kAlreadyExists);
ONETRIP_SAME(ONETRIP_PERMISSION_DENIED, absl::StatusCode::kPermissionDenied);
ONETRIP_SAME(ONETRIP_RESOURCE_EXHAUSTED, absl::StatusCode::kResourceExhausted);
ONETRIP_SAME(ONETRIP_FAILED_PRECONDITION, absl::StatusCode::kFailedPrecondition);
ONETRIP_SAME(ONETRIP_ABORTED, absl::StatusCode::kAborted);
ONETRIP_SAME(ONETRIP_OUT_OF_RANGE, absl::StatusCode::kOutOfRange);
ONETRIP_SAME(ONETRIP_UNIMPLEMENTED, absl::StatusCode::kUnimplemented);
ONETRIP_SAME(ONETRIP_INTERNAL, absl::StatusCode::kInternal);
ONETRIP_SAME(ONETRIP_UNAVAILABLE, absl::StatusCode::kUnavailable);
ONETRIP_SAME(ONETRIP_DATA_LOSS, absl::StatusCode::kDataLoss);
ONETRIP_SAME(ONETRIP_UNAUTHENTICATED, absl::StatusCode::kUnauthenticated);
// A code absl may add one day has no C name: it reaches a C caller as UNKNOWN.
inline onetrip_status to_c(absl::StatusCode code) {
  const int value = static_cast<int>(code);
  return value >= ONETRIP_OK && value <= ONETRIP_UNAUTHENTICATED ? static_cast<onetrip_status>(value) : ONETRIP_UNKNOWN;
}

// ---- calendar ----------------------------------------------------------------------
ONETRIP_SAME(ONETRIP_DAY_WORKDAY, DayKind::kWorkday);
ONETRIP_SAME(ONETRIP_DAY_WEEKEND, DayKind::kWeekend);
ONETRIP_SAME(ONETRIP_DAY_HOLIDAY, DayKind::kHoliday);
ONETRIP_SAME(ONETRIP_DAY_MAKEUP_WORKDAY, DayKind::kMakeupWorkday);
ONETRIP_MIRROR(onetrip_day_kind, DayKind)
ONETRIP_SAME(ONETRIP_ROLL_RAISE, Roll::kRaise);
ONETRIP_SAME(ONETRIP_ROLL_FORWARD, Roll::kForward);
ONETRIP_SAME(ONETRIP_ROLL_BACKWARD, Roll::kBackward);
ONETRIP_SAME(ONETRIP_ROLL_MODIFIED_FOLLOWING, Roll::kModifiedFollowing);
ONETRIP_SAME(ONETRIP_ROLL_MODIFIED_PRECEDING, Roll::kModifiedPreceding);
ONETRIP_MIRROR(onetrip_roll, Roll)
ONETRIP_SAME(ONETRIP_COUNT_LEGAL, CountConvention::kLegal);
ONETRIP_SAME(ONETRIP_COUNT_HALF_OPEN, CountConvention::kHalfOpen);
ONETRIP_MIRROR(onetrip_count_convention, CountConvention)

// ---- catalogue ---------------------------------------------------------------------
ONETRIP_SAME(ONETRIP_HALL_CENTRE, HallKind::kCentre);
ONETRIP_SAME(ONETRIP_HALL_SUBCENTRE, HallKind::kSubcentre);
ONETRIP_SAME(ONETRIP_HALL_TOWNSHIP, HallKind::kTownship);
ONETRIP_MIRROR(onetrip_hall_kind, HallKind)

ONETRIP_SAME(ONETRIP_FORM_PAPER, MaterialForm::kPaper);
ONETRIP_SAME(ONETRIP_FORM_ELECTRONIC, MaterialForm::kElectronic);
ONETRIP_SAME(ONETRIP_FORM_EITHER, MaterialForm::kEither);
ONETRIP_MIRROR(onetrip_material_form, MaterialForm)

ONETRIP_SAME(ONETRIP_SOURCE_APPLICANT, MaterialSource::kApplicant);
ONETRIP_SAME(ONETRIP_SOURCE_GOVERNMENT, MaterialSource::kGovernment);
ONETRIP_SAME(ONETRIP_SOURCE_THIRD_PARTY, MaterialSource::kThirdParty);
ONETRIP_MIRROR(onetrip_material_source, MaterialSource)

ONETRIP_SAME(ONETRIP_NECESSITY_REQUIRED, Necessity::kRequired);
ONETRIP_SAME(ONETRIP_NECESSITY_OPTIONAL, Necessity::kOptional);
ONETRIP_SAME(ONETRIP_NECESSITY_TOLERABLE, Necessity::kTolerable);
ONETRIP_MIRROR(onetrip_necessity, Necessity)

ONETRIP_SAME(ONETRIP_IMMEDIATE, ProjectType::kImmediate);
ONETRIP_SAME(ONETRIP_PROMISED, ProjectType::kPromised);
ONETRIP_MIRROR(onetrip_project_type, ProjectType)

ONETRIP_SAME(ONETRIP_UNIT_WORKDAYS, LimitUnit::kWorkdays);
ONETRIP_SAME(ONETRIP_UNIT_NATURAL_DAYS, LimitUnit::kNaturalDays);
ONETRIP_SAME(ONETRIP_UNIT_MONTHS, LimitUnit::kMonths);
ONETRIP_MIRROR(onetrip_limit_unit, LimitUnit)

ONETRIP_SAME(ONETRIP_ONLINE_NONE, OnlineApplication::kNone);
ONETRIP_SAME(ONETRIP_ONLINE_PRE_REVIEW, OnlineApplication::kPreReview);
ONETRIP_SAME(ONETRIP_ONLINE_FULL, OnlineApplication::kFull);
ONETRIP_MIRROR(onetrip_online, OnlineApplication)

ONETRIP_SAME(ONETRIP_EDGE_APPLICANT, EdgeKind::kApplicant);
ONETRIP_SAME(ONETRIP_EDGE_INTERNAL, EdgeKind::kInternal);
ONETRIP_MIRROR(onetrip_edge_kind, EdgeKind)

ONETRIP_SAME(ONETRIP_ACCEPTANCE_SEPARATE, Acceptance::kSeparate);
ONETRIP_SAME(ONETRIP_ACCEPTANCE_SINGLE_WINDOW, Acceptance::kSingleWindow);
ONETRIP_MIRROR(onetrip_acceptance, Acceptance)

ONETRIP_SAME(ONETRIP_RESULTS_EACH, Results::kEach);
ONETRIP_SAME(ONETRIP_RESULTS_TOGETHER, Results::kTogether);
ONETRIP_MIRROR(onetrip_results, Results)

// ---- trips -------------------------------------------------------------------------
ONETRIP_SAME(ONETRIP_NEED_SUBMIT, NeedKind::kSubmit);
ONETRIP_SAME(ONETRIP_NEED_COLLECT, NeedKind::kCollect);
ONETRIP_SAME(ONETRIP_NEED_PAY, NeedKind::kPay);
ONETRIP_SAME(ONETRIP_NEED_CARRY, NeedKind::kCarry);
ONETRIP_MIRROR(onetrip_need_kind, NeedKind)

ONETRIP_SAME(ONETRIP_BECAUSE_NO_REMOTE_APPLICATION, Because::kNoRemoteApplication);
ONETRIP_SAME(ONETRIP_BECAUSE_PRE_REVIEW_ONLY, Because::kPreReviewOnly);
ONETRIP_SAME(ONETRIP_BECAUSE_ORIGINAL_TO_SHOW, Because::kOriginalToShow);
ONETRIP_SAME(ONETRIP_BECAUSE_STATUTORY_PRESENCE, Because::kStatutoryPresence);
ONETRIP_SAME(ONETRIP_BECAUSE_RESULT_AT_WINDOW, Because::kResultAtWindow);
ONETRIP_SAME(ONETRIP_BECAUSE_FEE_AT_WINDOW, Because::kFeeAtWindow);
ONETRIP_SAME(ONETRIP_BECAUSE_RESULT_TO_CARRY, Because::kResultToCarry);
static_assert(kBecauseCount == ONETRIP_BECAUSE_RESULT_TO_CARRY + 1, "a new trip reason needs its ONETRIP_BECAUSE_");
ONETRIP_MIRROR(onetrip_because, Because)

// ---- time --------------------------------------------------------------------------
ONETRIP_SAME(ONETRIP_EXTENSION_NONE, Extension::kNone);
ONETRIP_SAME(ONETRIP_EXTENSION_SINGLE, Extension::kSingle);
ONETRIP_SAME(ONETRIP_EXTENSION_JOINT, Extension::kJoint);
ONETRIP_MIRROR(onetrip_extension, Extension)

// ---- audit -------------------------------------------------------------------------
ONETRIP_SAME(ONETRIP_AUDIT_DECLARED_TRIPS, AuditRule::kDeclaredTrips);
ONETRIP_SAME(ONETRIP_AUDIT_DECLARED_ZERO_NEEDS_REMOTE, AuditRule::kDeclaredZeroNeedsRemote);
ONETRIP_SAME(ONETRIP_AUDIT_FULLY_ONLINE_MEANS_ZERO, AuditRule::kFullyOnlineMeansZero);
ONETRIP_SAME(ONETRIP_AUDIT_NO_FEE_NO_ONLINE_PAYMENT, AuditRule::kNoFeeNoOnlinePayment);
ONETRIP_MIRROR(onetrip_audit_rule, AuditRule)

// ---- case clocks -------------------------------------------------------------------
ONETRIP_SAME(ONETRIP_CLOCK_ACCEPTED, ClockEventKind::kAccepted);
ONETRIP_SAME(ONETRIP_CLOCK_PAUSED, ClockEventKind::kPaused);
ONETRIP_SAME(ONETRIP_CLOCK_RESUMED, ClockEventKind::kResumed);
ONETRIP_SAME(ONETRIP_CLOCK_EXTENDED, ClockEventKind::kExtended);
ONETRIP_SAME(ONETRIP_CLOCK_COMPLETED, ClockEventKind::kCompleted);
ONETRIP_SAME(ONETRIP_CLOCK_RECEIVED, ClockEventKind::kReceived);
ONETRIP_SAME(ONETRIP_CLOCK_SUPPLEMENT_NOTICE, ClockEventKind::kSupplementNotice);
ONETRIP_SAME(ONETRIP_CLOCK_SPECIAL_STARTED, ClockEventKind::kSpecialStarted);
ONETRIP_SAME(ONETRIP_CLOCK_SPECIAL_ENDED, ClockEventKind::kSpecialEnded);
ONETRIP_SAME(ONETRIP_CLOCK_ISSUED, ClockEventKind::kIssued);
ONETRIP_MIRROR(onetrip_clock_event_kind, ClockEventKind)

ONETRIP_SAME(ONETRIP_PAUSE_SUPPLEMENT, PauseReason::kSupplement);
ONETRIP_SAME(ONETRIP_PAUSE_SPECIAL_PROCEDURE, PauseReason::kSpecialProcedure);
ONETRIP_SAME(ONETRIP_PAUSE_OTHER, PauseReason::kOther);
ONETRIP_SAME(ONETRIP_PAUSE_HEARING, PauseReason::kHearing);
ONETRIP_SAME(ONETRIP_PAUSE_TENDER, PauseReason::kTender);
ONETRIP_SAME(ONETRIP_PAUSE_AUCTION, PauseReason::kAuction);
ONETRIP_SAME(ONETRIP_PAUSE_INSPECTION, PauseReason::kInspection);
ONETRIP_SAME(ONETRIP_PAUSE_TESTING, PauseReason::kTesting);
ONETRIP_SAME(ONETRIP_PAUSE_QUARANTINE, PauseReason::kQuarantine);
ONETRIP_SAME(ONETRIP_PAUSE_APPRAISAL, PauseReason::kAppraisal);
ONETRIP_SAME(ONETRIP_PAUSE_EXPERT_REVIEW, PauseReason::kExpertReview);
ONETRIP_MIRROR(onetrip_pause_reason, PauseReason)

ONETRIP_SAME(ONETRIP_CLOCK_RUNNING, ClockStatus::kRunning);
ONETRIP_SAME(ONETRIP_CLOCK_PAUSED_NOW, ClockStatus::kPaused);
ONETRIP_SAME(ONETRIP_CLOCK_COMPLETED_ON_TIME, ClockStatus::kCompletedOnTime);
ONETRIP_SAME(ONETRIP_CLOCK_COMPLETED_LATE, ClockStatus::kCompletedLate);
ONETRIP_SAME(ONETRIP_CLOCK_OVERDUE, ClockStatus::kOverdue);
ONETRIP_SAME(ONETRIP_CLOCK_RECEIVED_NOW, ClockStatus::kReceived);
ONETRIP_SAME(ONETRIP_CLOCK_AWAITING_CORRECTION, ClockStatus::kAwaitingCorrection);
ONETRIP_SAME(ONETRIP_CLOCK_IN_SPECIAL_PROCEDURE, ClockStatus::kSpecialProcedure);
ONETRIP_MIRROR(onetrip_clock_status, ClockStatus)

ONETRIP_SAME(ONETRIP_WARNING_NORMAL, WarningLevel::kNormal);
ONETRIP_SAME(ONETRIP_WARNING_YELLOW, WarningLevel::kYellow);
ONETRIP_SAME(ONETRIP_WARNING_RED, WarningLevel::kRed);
ONETRIP_MIRROR(onetrip_warning_level, WarningLevel)

ONETRIP_SAME(ONETRIP_FEE_FIXED, FeeKind::kFixed);
ONETRIP_SAME(ONETRIP_FEE_ASSESSED, FeeKind::kAssessed);
ONETRIP_MIRROR(onetrip_fee_kind, FeeKind)

ONETRIP_SAME(ONETRIP_DATED_FEE, DatedField::kFee);
ONETRIP_SAME(ONETRIP_DATED_ONLINE, DatedField::kOnline);
ONETRIP_SAME(ONETRIP_DATED_POSTAL, DatedField::kPostal);
ONETRIP_SAME(ONETRIP_DATED_EXPRESS, DatedField::kExpress);
ONETRIP_SAME(ONETRIP_DATED_ELECTRONIC_LICENCE, DatedField::kElectronicLicence);
ONETRIP_SAME(ONETRIP_DATED_ONLINE_PAYMENT, DatedField::kOnlinePayment);
ONETRIP_SAME(ONETRIP_DATED_TOLERANT_ACCEPTANCE, DatedField::kTolerantAcceptance);
ONETRIP_MIRROR(onetrip_dated_field, DatedField)

ONETRIP_SAME(ONETRIP_HANDLING_NONE, JointHandling::kNone);
ONETRIP_SAME(ONETRIP_HANDLING_UNIFIED, JointHandling::kUnified);
ONETRIP_SAME(ONETRIP_HANDLING_JOINT, JointHandling::kJoint);
ONETRIP_SAME(ONETRIP_HANDLING_CENTRALIZED, JointHandling::kCentralized);
ONETRIP_MIRROR(onetrip_joint_handling, JointHandling)

// ---- the implementation-list tables --------------------------------------------------
ONETRIP_SAME(ONETRIP_LISTING_BASIC, ListingTableKind::kBasic);
ONETRIP_SAME(ONETRIP_LISTING_EXTEND, ListingTableKind::kExtend);
ONETRIP_SAME(ONETRIP_LISTING_MATERIALS, ListingTableKind::kMaterials);
ONETRIP_SAME(ONETRIP_LISTING_FEES, ListingTableKind::kFees);
ONETRIP_SAME(ONETRIP_LISTING_HALLS, ListingTableKind::kHalls);
ONETRIP_SAME(ONETRIP_LISTING_DEPARTMENTS, ListingTableKind::kDepartments);
ONETRIP_SAME(ONETRIP_LISTING_MATERIAL_DEFS, ListingTableKind::kMaterialDefs);
static_assert(ONETRIP_LISTING_MATERIAL_DEFS + 1 == kListingTableCount, "every listing table has a C name");
ONETRIP_MIRROR(onetrip_listing_table, ListingTableKind)

// ---- BPMN ----------------------------------------------------------------------------
ONETRIP_SAME(ONETRIP_BPMN_PLAIN, BpmnEngine::kPlain);
ONETRIP_SAME(ONETRIP_BPMN_FLOWABLE, BpmnEngine::kFlowable);
ONETRIP_SAME(ONETRIP_BPMN_CAMUNDA, BpmnEngine::kCamunda);
static_assert(ONETRIP_BPMN_CAMUNDA + 1 == kBpmnEngineCount, "every BPMN engine has a C name");
ONETRIP_MIRROR(onetrip_bpmn_engine, BpmnEngine)

ONETRIP_SAME(ONETRIP_MAPPING_MAPPED, MappingOutcome::kMapped);
ONETRIP_SAME(ONETRIP_MAPPING_DEFAULTED, MappingOutcome::kDefaulted);
ONETRIP_SAME(ONETRIP_MAPPING_NOT_UNDERSTOOD, MappingOutcome::kNotUnderstood);
ONETRIP_SAME(ONETRIP_MAPPING_IGNORED, MappingOutcome::kIgnored);
ONETRIP_SAME(ONETRIP_MAPPING_REJECTED, MappingOutcome::kRejected);
ONETRIP_MIRROR(onetrip_mapping_outcome, MappingOutcome)

ONETRIP_SAME(ONETRIP_DIFF_CATALOG, DiffItem::kCatalog);
ONETRIP_SAME(ONETRIP_DIFF_HALL, DiffItem::kHall);
ONETRIP_SAME(ONETRIP_DIFF_DEPARTMENT, DiffItem::kDepartment);
ONETRIP_SAME(ONETRIP_DIFF_MATERIAL, DiffItem::kMaterial);
ONETRIP_SAME(ONETRIP_DIFF_MATTER, DiffItem::kMatter);
ONETRIP_SAME(ONETRIP_DIFF_BUNDLE, DiffItem::kBundle);
ONETRIP_MIRROR(onetrip_diff_item, DiffItem)
ONETRIP_SAME(ONETRIP_DIFF_CHANGED, DiffChange::kChanged);
ONETRIP_SAME(ONETRIP_DIFF_ADDED, DiffChange::kAdded);
ONETRIP_SAME(ONETRIP_DIFF_REMOVED, DiffChange::kRemoved);
ONETRIP_MIRROR(onetrip_diff_change, DiffChange)

// ---- the one-time notice ------------------------------------------------------------
ONETRIP_SAME(ONETRIP_ELIGIBLE, Eligibility::kEligible);
ONETRIP_SAME(ONETRIP_NOT_ELIGIBLE, Eligibility::kNotEligible);
ONETRIP_SAME(ONETRIP_ELIGIBILITY_UNDETERMINED, Eligibility::kUndetermined);
ONETRIP_MIRROR(onetrip_eligibility, Eligibility)

#undef ONETRIP_MIRROR
#undef ONETRIP_SAME

}  // namespace onetrip::capi

#endif  // ONETRIP_CAPI_MIRROR_HPP_
