// The full-text query language of StoryFilter::query (store.h), which is
// SQLite FTS5's, read for the PostgreSQL back-end: FTS5 runs it natively,
// and PostgreSQL gets the same query as a tsquery. Private to src/store.
//
//   ToTsQuery("KÖLN AND wahl")      -> "('KÖLN' & 'wahl')"
//   ToTsQuery("title:\"Title 2\"")  -> "('Title':A <-> '2':A)"
//   ToTsQuery("ferr* OR koln")      -> "('ferr':* | 'koln')"
//
// The subset understood: barewords (ASCII letters, digits and _, and every
// non-ASCII character), "phrases", a trailing * for a prefix, AND (also
// implicit between terms), OR, NOT (binary: "a NOT b"), parentheses, and a
// column filter before a term or a group: "title:" or "text:" (in any
// case), a set "{title text}:", either with '-' before it for the other
// column ("-title:x" is "text:x"). Precedence as
// in FTS5: NOT binds tightest, then AND, then OR. Lexemes are split where
// FTS5's unicode61 tokenizer splits them (at ASCII punctuation and space),
// so a phrase "Title 2" is the lexeme sequence 'Title' <-> '2'. Folding
// (case, diacritics) is left to the database.
//
// Everything else FTS5 would refuse is refused with InvalidArgument naming
// the query: unbalanced parentheses or quotes, a dangling operator, an
// unknown column, a lone "*"; and NEAR(...) and ^, which have no tsquery
// equivalent here.
#ifndef NEWSLOOM_STORE_FTS_QUERY_H_
#define NEWSLOOM_STORE_FTS_QUERY_H_

#include <string>
#include <string_view>

#include "base/status.h"

namespace newsloom::store {

// The tsquery text for an FTS5 `query` (non-empty). Title lexemes carry
// weight A and text lexemes weight D (postgres.cc weighs the index so).
Result<std::string> ToTsQuery(std::string_view query);

// The query a person typed, with every word that has punctuation inside
// made a phrase, as FTS5 would split it: Zaragoza-Teruel ->
// "Zaragoza-Teruel", U.S. -> "U.S.", Lyon's -> "Lyon's", 8,700 -> "8,700"
// (FTS5 refuses each bare: "no such column: Teruel", a syntax error near
// "'"). A column filter and a trailing * stay outside the phrase
// (title:U.S.* -> title:"U.S."*), as does ^ before it; a run of
// punctuation alone ("a - b") is dropped; "a -b" is "a NOT b", as search
// boxes read it. The rest of FTS5's syntax is kept as it is (phrases,
// NEAR(...) whose words are rewritten the same way, column filters in any
// case and {column sets}, - before a column, ^word, prefix*, a+b, AND, OR,
// NOT, parentheses), so a malformed query is still refused, by FTS5 or
// ToTsQuery; a colon after what is no column is a word's (10:30).
// An exclusion with nothing before it to leave out of ("-rail" first, or
// after OR or "("), which FTS5 would refuse as "no such column: rail", is
// kept as written and, when `lone_exclusion` is given, the first such is
// stored there ("-rail") so that the caller can say what is wrong.
std::string PhrasesForPunctuatedWords(std::string_view query,
                                      std::string* lone_exclusion = nullptr);

}  // namespace newsloom::store

#endif  // NEWSLOOM_STORE_FTS_QUERY_H_
