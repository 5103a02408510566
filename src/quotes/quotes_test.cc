#include "quotes/quotes.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "quotes/lexicon.h"

namespace newsloom {
namespace {

std::string Slice(std::string_view text, ByteSpan s) {
  return std::string(text.substr(s.start, s.end - s.start));
}

// One quotation as "D [content] speaker =name via source" (I for
// indirect; "=name" only when it differs from the speaker; "(inh)" when
// inherited), several joined by " ; ".
std::string Render(std::string_view text, const std::vector<Quotation>& qs) {
  std::string out;
  for (const Quotation& q : qs) {
    if (!out.empty()) out += " ; ";
    out += q.kind == QuoteKind::kDirect ? "D [" : "I [";
    out += Slice(text, q.content) + "] " + Slice(text, q.speaker);
    if (!q.speaker_name.empty() && !(q.speaker_name == q.speaker))
      out += " =" + Slice(text, q.speaker_name);
    if (!q.source.empty()) out += " via " + Slice(text, q.source);
    if (q.speaker_inherited) out += " (inh)";
  }
  return out;
}

std::string Quotes(std::string_view text, std::string_view lang,
                   std::span<const NameSpan> names = {}) {
  return Render(text, FindQuotations(text, lang, names));
}

struct Row {
  const char* lang;
  const char* text;
  const char* expected;
};

// Golden table: sentences written for these tests, one or more per
// language and quote style.
const Row kRows[] = {
    // English: every cue position.
    {"en", "“We will do everything necessary,” Emmanuel Macron said.",
     "D [We will do everything necessary] Emmanuel Macron"},
    {"en", "\"In that case, we would need to talk,\" said Mr Peskov.",
     "D [In that case, we would need to talk] Mr Peskov =Peskov"},
    {"en", "Peter Szijjarto said: \"The war in Ukraine must be finished, not expanded.\"",
     "D [The war in Ukraine must be finished, not expanded.] Peter Szijjarto"},
    {"en", "Dmitry Peskov, the Kremlin spokesman, said the proposal was a very dangerous step.",
     "I [the proposal was a very dangerous step] Dmitry Peskov, the Kremlin spokesman =Dmitry Peskov"},
    {"en", "The talks will resume next week, the French president said.",
     "I [The talks will resume next week] the French president"},
    {"en", "According to Reuters, the meeting was moved to a video call.",
     "I [the meeting was moved to a video call] Reuters via Reuters"},
    {"en", "The meeting was moved to a video call, according to Reuters.",
     "I [The meeting was moved to a video call] Reuters via Reuters"},
    {"en", "Emmanuel Macron spoke in Paris. \"Nothing should be excluded,\" he said.",
     "D [Nothing should be excluded] he =Emmanuel Macron"},
    // A scare quote inside reported speech is not a quotation of its own.
    {"en", "He added that there was \"no consensus\" on sending troops.",
     "I [there was \"no consensus\" on sending troops] He"},
    // A quote over two paragraphs: the first is left open, the second
    // re-opens with the same mark.
    {"en", "“The health issue is a partisan issue.\n\n“It was later revealed to be pneumonia,” Caddell said.",
     "D [The health issue is a partisan issue.\n\n“It was later revealed to be pneumonia] Caddell"},
    {"en", "“Mitt Romney was prepared,” Sen. Claire McCaskill (D-Mo.) said.",
     "D [Mitt Romney was prepared] Sen. Claire McCaskill (D-Mo.) =Claire McCaskill"},
    {"en", "“I’m so ashamed to be an American.” ― Jacklyn Ashley",
     "D [I’m so ashamed to be an American.] Jacklyn Ashley"},
    {"en", "“This is the first of two quotes,” Clinton said. “This is the second one, with no cue.”",
     "D [This is the first of two quotes] Clinton ; D [This is the second one, with no cue.] Clinton (inh)"},
    {"en", "Ukrainian President Volodymyr Zelensky, who took part by video link, said that \"everything we do together adds real security\".",
     "D [everything we do together adds real security] Ukrainian President Volodymyr Zelensky, who took part by video link =Volodymyr Zelensky"},
    {"en", "'Single quotes' are apostrophes here, and nothing is quoted.", ""},
    {"en", "''This isn't tax reform,'' said Douglas Holtz-Eakin, an economist.",
     "D [This isn't tax reform] Douglas Holtz-Eakin"},
    {"en", "Graham: Trump's rhetoric is destroying the party's chance.",
     "I [Trump's rhetoric is destroying the party's chance] Graham"},
    {"en", "In addition, according to the department, nine million more workers will be protected.",
     "I [nine million more workers will be protected] the department via the department"},
    // What a source gave is not the source: "statements by X", "den
    // Angaben der Polizei" (a genitive keeps its article).
    {"en", "According to statements by the police, nobody was hurt in the fire.",
     "I [nobody was hurt in the fire] the police via the police"},
    {"en", "The fire broke out in the evening, according to information from broadcaster NDR.",
     "I [The fire broke out in the evening] broadcaster NDR =NDR via broadcaster NDR"},
    {"en", "According to reports, the fire broke out in the evening.",
     "I [the fire broke out in the evening] reports via reports"},
    {"de", "Laut den Angaben der Polizei wurde bei dem Brand niemand verletzt.",
     "I [wurde bei dem Brand niemand verletzt] der Polizei =Polizei via der Polizei"},
    {"fr", "Selon des informations de la police, personne n'a été blessé dans l'incendie.",
     "I [personne n'a été blessé dans l'incendie] la police via la police"},
    {"es", "Según datos del ministerio, el incendio comenzó por la noche en el almacén.",
     "I [el incendio comenzó por la noche en el almacén] ministerio via ministerio"},
    {"da", "Ifølge oplysninger fra politiet kom ingen til skade ved branden i nat.",
     "I [kom ingen til skade ved branden i nat] politiet via politiet"},
    {"de", "Nach Informationen des Senders NDR brach das Feuer am Abend aus.",
     "I [brach das Feuer am Abend aus] des Senders NDR =Senders NDR via des Senders NDR"},
    {"en", "Wilson praised Rubio's positions and said the Florida senator can bring change.",
     "I [the Florida senator can bring change] Wilson"},
    {"en", "Some Democratic officials think Wasserman Schultz is at risk of losing.",
     "I [Wasserman Schultz is at risk of losing] Some Democratic officials"},
    {"en", "Former Florida Gov. Jeb Bush called Trump \"unhinged.\"",
     "D [unhinged.] Former Florida Gov. Jeb Bush =Jeb Bush"},
    {"en", "Kaine decried that math, saying Clinton took questions last month.",
     "I [Clinton took questions last month] Kaine"},
    {"en", "Sanders leads among voters who say income inequality matters most.",
     "I [income inequality matters most] voters"},
    {"en", "This campaign, he says, is different from the last one.",
     "I [This campaign, he says, is different from the last one] he"},
    {"en", "In a statement, the network said that the description was wrong.",
     "I [the description was wrong] the network"},
    {"en", "Until the shutdown, most of them said they had loved working there.",
     "I [they had loved working there] most of them"},
    {"en", "Trump said during a rally in Michigan that the deal was bad.",
     "I [the deal was bad] Trump"},
    {"en", "The French president said measures would be taken against companies that violate sanctions.",
     "I [measures would be taken against companies that violate sanctions] The French president"},
    // A quote inside a quote in another style does not close it.
    {"en", "\"She thinks this is an episode of “Shark Tank.” It is not,\" Pence said.",
     "D [She thinks this is an episode of “Shark Tank.” It is not] Pence"},
    // Transcripts: a speaker's turn, with or without quotation marks.
    {"en", "WALLACE: Let's start with the news. Why would he do that?\n\n\"PENCE: Well, look, this is serious business.",
     "I [Let's start with the news. Why would he do that] WALLACE ; "
     "D [PENCE: Well, look, this is serious business.] PENCE"},
    // Danish: dash quotes, "Det siger X", ifølge.
    {"da", "- Intet bør udelukkes. Vi vil gøre alt, hvad vi kan, siger Emmanuel Macron.",
     "D [Intet bør udelukkes. Vi vil gøre alt, hvad vi kan] Emmanuel Macron"},
    {"da", "Det er absolut nødvendigt, at Rusland bliver besejret.\n\nDet siger Frankrigs præsident, Emmanuel Macron, ifølge nyhedsbureauet Reuters.\n\n- Intet bør udelukkes, siger han ifølge Reuters.",
     "I [Det er absolut nødvendigt, at Rusland bliver besejret] Frankrigs præsident, Emmanuel Macron =Emmanuel Macron via nyhedsbureauet Reuters ; "
     "D [Intet bør udelukkes] han =Emmanuel Macron via Reuters"},
    {"da", "Mette Frederiksen siger, at Danmark vil sende flere våben.",
     "I [Danmark vil sende flere våben] Mette Frederiksen"},
    {"da", "Ifølge Reuters vil mødet finde sted på torsdag i Paris.",
     "I [vil mødet finde sted på torsdag i Paris] Reuters via Reuters"},
    // German: „…“, inverted verb, laut.
    {"de", "„Wir werden die Ukraine unterstützen“, sagte Olaf Scholz am Montag.",
     "D [Wir werden die Ukraine unterstützen] Olaf Scholz"},
    {"de", "Scholz erklärte, dass Deutschland keine Soldaten schicken werde.",
     "I [Deutschland keine Soldaten schicken werde] Scholz"},
    {"de", "»Das ist eine wichtige Entscheidung für Europa«, sagte die Kanzlerin.",
     "D [Das ist eine wichtige Entscheidung für Europa] die Kanzlerin"},
    {"de", "Laut Reuters wurde das Treffen auf Donnerstag verschoben.",
     "I [wurde das Treffen auf Donnerstag verschoben] Reuters via Reuters"},
    // Dative and genitive articles open a source ("laut dem", "des").
    {"de", "Nach Angaben des Ministeriums gab es keine Opfer.",
     "I [gab es keine Opfer] des Ministeriums =Ministeriums via des Ministeriums"},
    // A title written out ends its sentence: "Sprecher." is no "Sen.".
    {"de", "Die Regierung will helfen, sagte ein Sprecher. Die Verhandlungen dauern an.",
     "I [Die Regierung will helfen] ein Sprecher"},
    // French: « … » with spaces, a déclaré, selon, que.
    {"fr", "« Rien ne doit être exclu », a déclaré Emmanuel Macron.",
     "D [Rien ne doit être exclu] Emmanuel Macron"},
    {"fr", "Selon Reuters, la réunion aura lieu jeudi à Paris.",
     "I [la réunion aura lieu jeudi à Paris] Reuters via Reuters"},
    {"fr", "Emmanuel Macron a affirmé que la défaite de la Russie était indispensable.",
     "I [la défaite de la Russie était indispensable] Emmanuel Macron"},
    // Spanish, Italian, Dutch, Swedish, Portuguese, Russian, Polish.
    {"es", "«No descartamos nada», dijo Pedro Sánchez.",
     "D [No descartamos nada] Pedro Sánchez"},
    {"es", "Según Reuters, la reunión se celebrará el jueves.",
     "I [la reunión se celebrará el jueves] Reuters via Reuters"},
    {"it", "«Non escludiamo nulla», ha detto Giorgia Meloni.",
     "D [Non escludiamo nulla] Giorgia Meloni"},
    {"it", "Secondo Reuters, l'incontro si terrà giovedì a Parigi.",
     "I [l'incontro si terrà giovedì a Parigi] Reuters via Reuters"},
    {"nl", "\"We sluiten niets uit\", zei Mark Rutte.",
     "D [We sluiten niets uit] Mark Rutte"},
    {"nl", "Volgens Reuters wordt de vergadering donderdag gehouden.",
     "I [wordt de vergadering donderdag gehouden] Reuters via Reuters"},
    {"sv", "– Inget kan uteslutas, säger Ulf Kristersson.",
     "D [Inget kan uteslutas] Ulf Kristersson"},
    {"sv", "Enligt Reuters hålls mötet på torsdag i Paris.",
     "I [hålls mötet på torsdag i Paris] Reuters via Reuters"},
    {"pt", "“Não excluímos nada”, disse Lula da Silva.",
     "D [Não excluímos nada] Lula da Silva"},
    {"pt", "Segundo a Reuters, a reunião será na quinta-feira.",
     "I [a reunião será na quinta-feira] a Reuters =Reuters via a Reuters"},
    {"ru", "«В этом случае нам придется говорить о неизбежности», — сказал Дмитрий Песков.",
     "D [В этом случае нам придется говорить о неизбежности] Дмитрий Песков"},
    {"ru", "По словам Пескова, встреча пройдет в четверг.",
     "I [встреча пройдет в четверг] Пескова via Пескова"},
    {"pl", "„Nie wykluczamy niczego” – powiedział Donald Tusk.",
     "D [Nie wykluczamy niczego] Donald Tusk"},
    {"pl", "Według Reutersa spotkanie odbędzie się w czwartek.",
     "I [spotkanie odbędzie się w czwartek] Reutersa via Reutersa"},
    // Languages without a lexicon: direct quotes only, a name beside them.
    {"zh", "马克龙说：「我们不排除任何可能性，一切都有可能。」",
     "D [我们不排除任何可能性，一切都有可能。] "},
    // French typography: no-break spaces inside the marks are not content.
    {"fr", "«\u00a0Nous n'abandonnerons pas\u00a0», a déclaré Jean Dupont.",
     "D [Nous n'abandonnerons pas] Jean Dupont"},
    {"fr", "«\u202fNous n'abandonnerons pas\u202f», a déclaré Jean Dupont.",
     "D [Nous n'abandonnerons pas] Jean Dupont"},
    {"fr", "« Nous y voilà », a déclaré Jean Dupont.", "D [Nous y voilà] Jean Dupont"},
    // French inverts the subject pronoun: "a-t-il ajouté", "dit-elle".
    {"fr", "Jean Dupont est arrivé à Lyon. « Nous devons agir vite », a-t-il ajouté. "
           "« C'est une guerre », dit-il encore.",
     "D [Nous devons agir vite] il =Jean Dupont ; D [C'est une guerre] il =Jean Dupont"},
    {"fr", "Selon lui, la réunion a été un succès complet à Paris.",
     "I [la réunion a été un succès complet à Paris] lui via lui"},
    // Italian and Spanish "Lo ha affermato X" / "Lo dijo X": X said it.
    {"it", "La situazione in Libia è molto grave e peggiora. Lo ha affermato il cardinale "
           "Angelo Bagnasco a Genova.",
     "I [La situazione in Libia è molto grave e peggiora] il cardinale Angelo Bagnasco "
     "=Angelo Bagnasco"},
    {"it", "«È uno dei Paesi più vicini». Lo ha affermato il cardinale Angelo Bagnasco.",
     "D [È uno dei Paesi più vicini] il cardinale Angelo Bagnasco =Angelo Bagnasco"},
    // An article alone names no one: "The" of a phrase cut short.
    {"en", "The president noted that he taught law, and added: \"I know a little about this.\"",
     "D [I know a little about this.] The president"},
    {"es", "La revista señalaba: «Más que cualquier otro factor, la influencia es enorme».",
     "D [Más que cualquier otro factor, la influencia es enorme] La revista"},
    // A section's label before a headline's colon is no speaker.
    {"it", "Fonte: http://www.example.com/ – agenzia – Cronaca di oggi",  ""},
    // "se si dichiara" (if one declares) is no speech; the cue is still
    // taken, but no one is named its speaker.
    {"it", "Se si dichiara contro il governo perde molti voti alle elezioni.",
     "I [contro il governo perde molti voti alle elezioni] "},
    {"und", "«Rien ne doit être exclu du tout maintenant», Emmanuel Macron.",
     "D [Rien ne doit être exclu du tout maintenant] Emmanuel Macron"},
    {"und", "『これは重要な決定であり、私たちは支持します』", "D [これは重要な決定であり、私たちは支持します] "},
};

TEST(QuoteFinderTest, GoldenTable) {
  for (const Row& row : kRows) {
    EXPECT_EQ(Quotes(row.text, row.lang), row.expected)
        << "lang " << row.lang << ": " << row.text;
  }
}

TEST(QuoteFinderTest, EveryLexiconHasSpeechVerbsAndPhrases) {
  size_t n = 0;
  const SpeechLexicon* const* all = AllLexicons(&n);
  EXPECT_GE(n, 11u);
  for (size_t i = 0; i < n; ++i) {
    const SpeechLexicon& l = *all[i];
    EXPECT_FALSE(l.speech_verbs.empty()) << l.lang;
    EXPECT_FALSE(l.source_phrases.empty()) << l.lang;
    EXPECT_FALSE(l.complementizers.empty()) << l.lang;
    EXPECT_EQ(LexiconFor(l.lang).lexicon(), &l);
  }
  EXPECT_EQ(LexiconFor("xx").lexicon(), nullptr);
  EXPECT_EQ(LexiconFor("nb").lexicon()->lang, "no");
  EXPECT_EQ(LexiconFor("en").Flags("said") & kSpeechVerb, kSpeechVerb);
  EXPECT_EQ(LexiconFor("en").Flags("unknownword"), 0);
}

// The caller's names: an ORG after "according to" is a source only.
TEST(QuoteFinderTest, NamesFromTheCaller) {
  const std::string text =
      "According to Reuters, the meeting was moved to a video call.";
  const NameSpan names[] = {{13, 20, NameType::kOrganization}};
  EXPECT_EQ(Quotes(text, "en", names),
            "I [the meeting was moved to a video call]  via Reuters");
  // A person the recogniser found is the resolved name.
  const std::string t2 =
      "Kremlin spokesperson Dmitry Peskov met reporters. \"This is a very "
      "important new element,\" he said.";
  const NameSpan n2[] = {{0, 7, NameType::kOrganization},
                         {21, 34, NameType::kPerson}};
  EXPECT_EQ(Quotes(t2, "en", n2),
            "D [This is a very important new element] he =Dmitry Peskov");
  // Before a headline's colon, a place alone (with its preposition) is a
  // section's label; without a person among the names (no entity model),
  // so is one word.
  const std::string t3 = "Desde Cuba: Reinicio del curso escolar y medidas sanitarias";
  const NameSpan n3[] = {{6, 10, NameType::kLocation}};
  EXPECT_EQ(Quotes(t3, "es", n3), "");
  const std::string t4 =
      "Vente : ne laissez pas l'acheteur seul au volant de la voiture\n"
      "Marc Dupont : il faut vendre la voiture avant la fin du mois";
  const NameSpan n4[] = {{63, 74, NameType::kMisc}};
  EXPECT_EQ(Quotes(t4, "fr", n4),
            "I [il faut vendre la voiture avant la fin du mois] Marc Dupont");
  // Pronouns of such a language resolve to an untyped name of two words.
  const std::string t5 =
      "Marc Dupont est arrivé à Lyon. « Nous devons agir vite », a-t-il ajouté.";
  const NameSpan n5[] = {{0, 11, NameType::kMisc}, {25, 29, NameType::kLocation}};
  EXPECT_EQ(Quotes(t5, "fr", n5), "D [Nous devons agir vite] il =Marc Dupont");
}

std::string ReadShared(const std::string& rel) {
  std::ifstream in(std::string(NEWSLOOM_SHARED_DIR) + "/" + rel,
                   std::ios::binary);
  if (!in) return "";
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The quotation of `qs` whose content starts with `prefix`, or null.
const Quotation* FindByContent(std::string_view text,
                               const std::vector<Quotation>& qs,
                               std::string_view prefix) {
  for (const Quotation& q : qs)
    if (Slice(text, q.content).rfind(prefix, 0) == 0) return &q;
  return nullptr;
}

struct SeedCase {
  const char* file;
  const char* lang;
  const char* content_prefix;
  QuoteKind kind;
  const char* speaker_name;
};

TEST(QuoteFinderTest, Seeds) {
  const SeedCase kCases[] = {
      {"000_035b612a2a5e30db.txt", "en", "We will do everything necessary",
       QuoteKind::kDirect, "Emmanuel Macron"},
      {"001_c732af879bfc5e59.txt", "en", "In that case, we would need",
       QuoteKind::kDirect, "Peskov"},
      {"001_c732af879bfc5e59.txt", "en",
       "The war in Ukraine must be finished, not expanded.",
       QuoteKind::kDirect, "Peter Szijjarto"},
      {"002_fc91e1942ad873b2.txt", "da", "Intet bør udelukkes",
       QuoteKind::kDirect, "Emmanuel Macron"},
  };
  for (const SeedCase& c : kCases) {
    std::string text = ReadShared(std::string("seeds/") + c.file);
    if (text.empty()) GTEST_SKIP() << "no ../shared/seeds (NEWSLOOM_SHARED_DIR)";
    std::vector<Quotation> qs = FindQuotations(text, c.lang);
    const Quotation* q = FindByContent(text, qs, c.content_prefix);
    ASSERT_NE(q, nullptr) << c.file << ": " << c.content_prefix << "\n"
                          << Render(text, qs);
    EXPECT_EQ(q->kind, c.kind) << c.content_prefix;
    EXPECT_EQ(Slice(text, q->speaker_name), c.speaker_name) << c.content_prefix;
  }
  // The Danish quote is Macron's, reported through Reuters.
  std::string da = ReadShared("seeds/002_fc91e1942ad873b2.txt");
  std::vector<Quotation> qs = FindQuotations(da, "da");
  const Quotation* q = FindByContent(da, qs, "Intet bør udelukkes");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(Slice(da, q->speaker), "han");
  EXPECT_EQ(Slice(da, q->source), "Reuters");
}

// Output invariants, for any input: spans inside the text, contents sorted
// and disjoint, every speaker/source/cue on character boundaries.
void CheckInvariants(std::string_view text, const std::vector<Quotation>& qs) {
  uint32_t prev_end = 0;
  // In valid UTF-8 every span is whole characters (a cut no-break space
  // made reports invalid UTF-8).
  const bool valid = FindInvalidUtf8(text) == std::string_view::npos;
  auto boundary = [&](uint32_t at) {
    return at >= text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
  };
  for (const Quotation& q : qs) {
    for (ByteSpan s : {q.content, q.cue, q.speaker, q.speaker_name, q.source}) {
      ASSERT_LE(s.start, s.end);
      ASSERT_LE(s.end, text.size());
      if (valid && !s.empty()) {
        ASSERT_TRUE(boundary(s.start) && boundary(s.end))
            << "[" << s.start << ", " << s.end << ") in " << text;
      }
    }
    ASSERT_FALSE(q.content.empty());
    ASSERT_GE(q.content.start, prev_end);
    prev_end = q.content.end;
  }
}

TEST(QuoteFinderTest, BadInputNeverCrashes) {
  const std::string cases[] = {
      "",
      "\"",
      "“",
      "\xff\xfe\"abc\xc3\" said \xe2\x80",
      "- ",
      "\n\n\n- \n“\n„\n«",
      "\"unbalanced quote that never closes, said X",
      "” ” ” “ “ “ « » » « ‘ ’ ’",
      "According to",
      "said said said said, said X said \"\" said",
  };
  for (const std::string& s : cases) {
    for (const char* lang : {"en", "da", "fr", "und"}) {
      std::vector<Quotation> qs = FindQuotations(s, lang);
      CheckInvariants(s, qs);
    }
  }
}

TEST(QuoteFinderTest, RandomInputsKeepInvariants) {
  // Random texts over a small alphabet rich in marks, dashes, speech verbs
  // and capitals; the invariants must hold and nothing may crash.
  const char* pieces[] = {"\"", "“", "”", "„", "«", "»", "‘", "’", "- ",
                          "\n", "\n\n", " ", ", ", ". ", "said ", "siger ",
                          "Macron ", "he ", "according to ", "ifølge ",
                          "that ", "the ", "war ", "(", ")", "\xff", "「", "」",
                          "\xC2\xA0", "\xE2\x80\xAF", "\xC2\xA0»", "«\xE2\x80\xAF",
                          "voilà", "là »"};
  std::mt19937 rng(7);
  QuoteFinder finder;
  std::vector<Quotation> qs;
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    int len = rng() % 40;
    for (int i = 0; i < len; ++i) s += pieces[rng() % std::size(pieces)];
    finder.Find(s, round % 2 ? "en" : "da", {}, &qs);
    CheckInvariants(s, qs);
  }
}

// The ASCII fast path of the tokenizer against ICU everywhere, on the
// golden rows and on random texts mixing ASCII with other scripts.
TEST(QuoteFinderTest, AsciiFastPathEqualsIcu) {
  QuoteOptions slow_options;
  slow_options.ascii_fast_path = false;
  QuoteFinder fast, slow(slow_options);
  std::vector<Quotation> a, b;
  auto same = [&](std::string_view text, std::string_view lang) {
    fast.Find(text, lang, {}, &a);
    slow.Find(text, lang, {}, &b);
    EXPECT_EQ(Render(text, a), Render(text, b)) << text;
  };
  for (const Row& row : kRows) same(row.text, row.lang);
  const char* pieces[] = {"\"", "“", "”", "É", "é", "ß", "Ж", "1", "a", "Z",
                          " ", "\t", "\r\n", "\n\n", ",", ".", "'", "-",
                          "said ", "Mr ", "Peskov ", "\xc2\xa0", "\xe2\x80\x89",
                          "\x0b", "\x1c", "_", "ǅ"};
  std::mt19937 rng(11);
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    int len = rng() % 30;
    for (int i = 0; i < len; ++i) s += pieces[rng() % std::size(pieces)];
    same(s, "en");
  }
}

TEST(QuoteFinderTest, LargeTextIsLinear) {
  std::string text;
  for (int i = 0; i < 20000; ++i)
    text += "“We will do everything necessary,” Emmanuel Macron said. ";
  std::vector<Quotation> qs = FindQuotations(text, "en");
  EXPECT_EQ(qs.size(), 20000u);
  // One open mark with no close and a long paragraph.
  std::string open = "\"" + std::string(1 << 20, 'a');
  CheckInvariants(open, FindQuotations(open, "en"));
}

// Repetitive texts that once made look-arounds quadratic (each of these
// took 2 to 20 s at 400 KB); every scan is bounded by
// QuoteOptions::max_scan_tokens now.
TEST(QuoteFinderTest, PathologicalInputsStayLinear) {
  const char* patterns[] = {"said, ", "\"a\" ", "''a'' ", "\"We will win,\" ",
                            "of of ", "has has said ", "according to X ",
                            "he said ", ", , , said "};
  for (const char* p : patterns) {
    std::string text = "- ";
    while (text.size() < 200000) text += p;
    std::vector<NameSpan> names;
    for (uint32_t i = 0; i + 4 < text.size(); i += 50)
      names.push_back({i, i + 3, NameType::kPerson});
    for (const char* lang : {"en", "da"}) {
      CheckInvariants(text, FindQuotations(text, lang));
      CheckInvariants(text, FindQuotations(text, lang, names));
    }
  }
}

// Paragraphs that open with words not in a name ("Word one two.") or
// with function words alone ("The a."), and a name in each: whether the
// opening words were a place, or held a name, was a scan of every name
// (the two texts of 4 MB took 76 s; now about 1 s).
TEST(QuoteFinderTest, ManyParagraphsWithNamesStayLinear) {
  for (const std::string_view p : {"Word one two. Anna Berg went.\n\n",
                                   "The a. Anna Berg went.\n\n"}) {
    std::string text;
    std::vector<NameSpan> names;
    while (text.size() < (1 << 22)) {
      const auto at = static_cast<uint32_t>(text.size() + p.find("Anna"));
      names.push_back({at, at + 9, NameType::kPerson});
      text += p;
    }
    const auto start = std::chrono::steady_clock::now();
    CheckInvariants(text, FindQuotations(text, "en", names));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10)) << p;
  }
}

TEST(QuoteFinderTest, NameSpansOutsideTheTextAreIgnored) {
  const std::string text = "\"Nothing should be excluded,\" he said.";
  const NameSpan names[] = {{100, 200, NameType::kPerson},
                            {5, 2, NameType::kPerson}};
  CheckInvariants(text, FindQuotations(text, "en", names));
}

}  // namespace
}  // namespace newsloom
