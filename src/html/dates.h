// Dates as web pages write them, for publication and modification times.
//
// ParsePageDate reads one date value, as found in a meta tag, JSON-LD or a
// <time datetime>, in any of these forms (month names in English, full or
// abbreviated, any case, with or without a trailing dot, or CLDR's in the
// 13 languages of the quotation lexicons: "5. März 2024", "5 de marzo de
// 2024", "5 марта 2024"):
//   ISO 8601        2019-11-18  2019-11-18T14:05:00.000-05:00  ...+0500
//                   2019-11-18 14:05:00  20191118 (eight digits alone)
//   RFC 2822        Mon, 18 Nov 2019 14:05:00 GMT  (GMT/UTC/UT/Z, EST, EDT,
//                   CST, CDT, MST, MDT, PST, PDT, the common European and
//                   Asian abbreviations (CET, CEST, BST, IST = India, JST,
//                   ...: kZones in dates.cc), +hhmm, +hh:mm, GMT+hhmm)
//   month first     November 18, 2019  Nov. 18, 2019 2:05 PM EST
//                   Friday, January 5, 2018 - 15:55 (at, -, | or @
//                   between the date and the time)
//                   March 5th, 2024 (ordinals: st nd rd th)
//   day first       18 November 2019  18 Nov 2019, 14:05  5th March 2024
//                   5th of March 2024 (of, de, del, di between)
//   numeric         2019/11/18  2019.11.18  18.11.2019 (with dots day
//                   first: the European order); 18/11/2019, 11/18/2019,
//                   18-11-2019 in the order the numbers allow (a day over
//                   12, or both the same); 03/05/2024, 3 May or March 5,
//                   is refused as ambiguous
// A time without a zone is kept as written and marked zone-less (read as
// UTC). Impossible dates (2019-02-30) and years outside 1990..2100 give
// nullopt: a page date outside that range is a parsing accident.
//
// FindDateInUrl reads /2019/11/18/, /2019-11-18/ or /20191118/ style path
// segments; FindDateInText finds the first month-first or day-first date
// with a month name in running text ("Updated Nov. 18, 2019").
//
// Thread safety: all functions are thread-safe.
#ifndef NEWSLOOM_HTML_DATES_H_
#define NEWSLOOM_HTML_DATES_H_

#include <optional>
#include <string_view>

#include "base/time.h"

namespace newsloom {

std::optional<ZonedTime> ParsePageDate(std::string_view text);

// Whether `text` is a numeric date ParsePageDate refuses for its order
// alone ("03/05/2024": 3 May or March 5), for the caller's message.
bool IsAmbiguousNumericDate(std::string_view text);

std::optional<ZonedTime> FindDateInUrl(std::string_view url);

std::optional<ZonedTime> FindDateInText(std::string_view text);

}  // namespace newsloom

#endif  // NEWSLOOM_HTML_DATES_H_
