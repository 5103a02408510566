#include "synth_stream.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>
#include <numbers>
#include <optional>
#include <string_view>

namespace newsloom {
namespace {

constexpr double kHoursPerDay = 24;

// ---- Randomness: our own, so that a seed means the same stream anywhere ----

// SplitMix64 (Steele, Lea & Flood 2014): one 64-bit add and a mix per
// draw; passes BigCrush, and plenty for a workload generator.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // 0..n-1 (Lemire's multiply-shift; the bias is below 2^-40 for our n).
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >>
                                 64);
  }
  int Between(int lo, int hi) {  // inclusive
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  bool Chance(double p) { return Uniform() < p; }
  // Exponential with `mean`, truncated at `max` (inverse transform).
  double TruncatedExponential(double mean, double max) {
    return -mean * std::log(1 - Uniform() * (1 - std::exp(-max / mean)));
  }
  uint64_t Poisson(double mean) {
    if (mean < kKnuthLimit) {  // Knuth: multiply uniforms until below e^-mean
      const double limit = std::exp(-mean);
      uint64_t k = 0;
      for (double p = Uniform(); p > limit; p *= Uniform()) ++k;
      return k;
    }
    // Normal approximation (Box-Muller): exact enough for daily counts.
    const double normal = std::sqrt(-2 * std::log(1 - Uniform())) *
                          std::cos(2 * std::numbers::pi * Uniform());
    return static_cast<uint64_t>(
        std::max(0.0, std::round(mean + std::sqrt(mean) * normal)));
  }

 private:
  static constexpr double kKnuthLimit = 30;
  uint64_t state_;
};

// A stateless hash of two numbers, for properties fixed per word or name.
uint64_t Mix(uint64_t a, uint64_t b) {
  return Rng(a * 0xD1B54A32D192ED03ULL ^ b).Next();
}

// Ranks 0..n-1 with the two regimes of word frequencies (Ferrer i Cancho &
// Sole 2001, "Two regimes in the frequency of words"): P(r) ~ (r + 1)^-s1
// for the kernel lexicon, ranks below `kernel`, and a steeper (r + 1)^-s2
// beyond, continuous at the border. The steeper tail is what makes the
// vocabulary grow like real text (Heaps' law: distinct words grow about
// like tokens^(1/s2)) rather than almost linearly. Sampled by inverting the
// continuous density on [1, n + 1) and flooring: close to the discrete law
// (rank 0 gets a little less) and O(1) per draw for any n.
class Zipf {
 public:
  Zipf(uint64_t n, double s1, uint64_t kernel = 0, double s2 = 0)
      : n_(n), s1_(s1), s2_(s2) {
    end_ = n + 1.0;
    border_ = kernel == 0 ? end_ : std::min(end_, kernel + 1.0);
    scale_ = std::pow(border_, s2_ - s1_);
    kernel_mass_ = Integral(s1_, 1, border_);
    mass_ = kernel_mass_ + scale_ * Integral(s2_, border_, end_);
  }
  uint64_t Sample(Rng* rng) const {
    const double t = rng->Uniform() * mass_;
    const double x = t < kernel_mass_
                         ? Inverse(s1_, 1, t)
                         : Inverse(s2_, border_, (t - kernel_mass_) / scale_);
    return std::min(static_cast<uint64_t>(x) - 1, n_ - 1);
  }

 private:
  static bool IsOne(double s) { return std::abs(1 - s) < 1e-9; }
  // The integral of y^-s over [a, x], and the x that gives integral t.
  static double Integral(double s, double a, double x) {
    if (x <= a) return 0;
    return IsOne(s) ? std::log(x / a)
                    : (std::pow(x, 1 - s) - std::pow(a, 1 - s)) / (1 - s);
  }
  static double Inverse(double s, double a, double t) {
    return IsOne(s) ? a * std::exp(t)
                    : std::pow(std::pow(a, 1 - s) + t * (1 - s), 1 / (1 - s));
  }

  uint64_t n_;
  double s1_, s2_, end_, border_, scale_, kernel_mass_, mass_;
};

// ---- Spelling ----

std::vector<std::string> Split(std::string_view list, char sep) {
  std::vector<std::string> out;
  while (!list.empty()) {
    const size_t end = std::min(list.find(sep), list.size());
    std::string item(list.substr(0, end));
    if (!item.empty()) out.push_back(item == "-" ? "" : item);
    list.remove_prefix(std::min(end + 1, list.size()));
  }
  return out;
}

// Upper-cases the letter at `pos`: ASCII, or Latin-1 letters (à..þ, two
// bytes C3 A0..BE in UTF-8), which is every letter our tables start with.
void Capitalize(std::string* s, size_t pos) {
  if (pos >= s->size()) return;
  char& c = (*s)[pos];
  if (c >= 'a' && c <= 'z') {
    c = static_cast<char>(c - 'a' + 'A');
  } else if (static_cast<unsigned char>(c) == 0xC3 && pos + 1 < s->size()) {
    const auto next = static_cast<unsigned char>((*s)[pos + 1]);
    if (next >= 0xA0 && next <= 0xBE && next != 0xB7) {
      (*s)[pos + 1] = static_cast<char>(next - 0x20);
    }
  }
}

// Pseudo-word stems from an inventory: k syllables (consonant group +
// vowel) and a final consonant group. Indices map one-to-one onto stems,
// all one-syllable stems first, then two-syllable ones and so on, so small
// (frequent) indices get short words. Within a length a multiplication
// modulo the class size scatters neighbouring indices, so rank 1000 and
// 1001 do not look alike. One-to-one because groups are all consonants and
// vowels all vowels: a stem's maximal consonant and vowel runs give its
// digits back.
class Spelling {
 public:
  Spelling(std::string_view onsets, std::string_view vowels,
           std::string_view codas)
      : onsets_(Split(onsets, ' ')),
        vowels_(Split(vowels, ' ')),
        codas_(Split(codas, ' ')) {
    const uint64_t syllables = onsets_.size() * vowels_.size();
    uint64_t size = codas_.size();
    for (int k = 1; k <= kMaxSyllables; ++k) {
      size *= syllables;
      class_size_[k] = size;
    }
  }

  // Appends the stem with index `i`.
  void Append(uint64_t i, std::string* out) const {
    int k = 1;
    while (k < kMaxSyllables && i >= class_size_[k]) i -= class_size_[k++];
    // kScatter is prime and larger than any factor of a class size, so
    // multiplying by it is a bijection modulo the class size.
    uint64_t j = static_cast<uint64_t>(
        (static_cast<unsigned __int128>(i) * kScatter) % class_size_[k]);
    const std::string& coda = codas_[j % codas_.size()];
    j /= codas_.size();
    for (int s = 0; s < k; ++s) {
      const uint64_t syllable = j % (onsets_.size() * vowels_.size());
      j /= onsets_.size() * vowels_.size();
      out->append(onsets_[syllable / vowels_.size()]);
      out->append(vowels_[syllable % vowels_.size()]);
    }
    out->append(coda);
  }

  // The first index of stems with `k` syllables.
  uint64_t FirstWithSyllables(int k) const {
    uint64_t first = 0;
    for (int s = 1; s < k; ++s) first += class_size_[s];
    return first;
  }

 private:
  static constexpr int kMaxSyllables = 6;
  static constexpr uint64_t kScatter = 2654435761ULL;
  std::vector<std::string> onsets_, vowels_, codas_;
  uint64_t class_size_[kMaxSyllables + 1] = {};
};

// ---- Languages ----
// Word lists are space-separated ("-" = the empty string); outlet and wire
// names are '|'-separated patterns where '%' stands for a place name.
// Function words and calendar names are the real ones; everything else is
// made up here.
struct LanguageTable {
  const char* code;
  double share;  // of stories whose language it is
  const char* onsets;
  const char* vowels;
  const char* codas;
  const char* endings;         // inflections; Snowball strips most of them
  const char* function_words;  // most frequent first
  const char* weekdays;        // Monday first
  const char* months;
  const char* weekday_before;  // "on" Monday; "-" = nothing
  const char* date_format;     // D = day of month, M = month name
  const char* outlets;
  const char* wire;
  bool capitalizes_nouns;
};

constexpr LanguageTable kLanguages[] = {
    {"da", 0.10,
     "b bl br d dr f fl fr g gl gr h j k kl kn kr l m n p pl pr r s sk skr "
     "sl sm sn sp st str t tr v",
     "a e i o u y æ ø å aa ej", "- n r s t l d g k nd rd ld st ng",
     "e en er et ene erne",
     "og i at det er en til på den af med for de som ikke har var et sig "
     "der om men han fra efter sagde blev vil kan",
     "mandag tirsdag onsdag torsdag fredag lørdag søndag",
     "januar februar marts april maj juni juli august september oktober "
     "november december",
     "på", "D. M",
     "% Tidende|% Avis|%s Dagblad|% Stiftstidende|% Posten|% Folkeblad|"
     "Dagbladet %|% Amtsavis",
     "%s Bureau", false},
    {"de", 0.15,
     "b bl br d dr f fl fr g gl gr h j k kl kr l m n p pf pl pr r s sch schl "
     "schm schn schr schw sp spr st str t tr w z zw",
     "a e i o u ei au eu ie ä ö ü", "- n r s t l m nd nt st ch cht ft ng rn tz",
     "e en er es s",
     "der die und in den von zu das mit sich des auf für ist im dem nicht "
     "ein eine als auch es an er hat aus bei wurde nach sagte werden wie",
     "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
     "Januar Februar März April Mai Juni Juli August September Oktober "
     "November Dezember",
     "am", "D. M",
     "%er Zeitung|%er Rundschau|%er Kurier|%er Tageblatt|%er Anzeiger|"
     "%er Nachrichten|Neue %er Presse|%er Allgemeine",
     "%er Presse-Agentur", true},
    {"en", 0.35,
     "b bl br c ch cl cr d dr f fl fr g gl gr h j k l m n p pl pr r s sc sh "
     "sk sl sm sn sp st str t th tr v w",
     "a e i o u ea ee oo ai ou oa ie",
     "- n r s t l m nd nt st ck rd ld ng sh th", "s ed ing er",
     "the of and to a in that is for on was with he it as at by from his "
     "said be have has are an but not they were had who will which this "
     "their been also after more its",
     "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
     "January February March April May June July August September October "
     "November December",
     "on", "M D",
     "The % Herald|% Times|The % Post|% Daily News|The % Chronicle|"
     "% Evening Standard|The % Courier|% Gazette",
     "% Press Association", false},
    {"es", 0.15,
     "b bl br c ch cl cr d dr f fl fr g gr j l ll m n ñ p pl pr qu r s t tr "
     "v z",
     "a e i o u ia ie io ue ua á é í ó ú", "- n r s l z d", "s es",
     "de la que el en y a los del se las por un para con no una su al es lo "
     "como más pero sus le ha dijo fue",
     "lunes martes miércoles jueves viernes sábado domingo",
     "enero febrero marzo abril mayo junio julio agosto septiembre octubre "
     "noviembre diciembre",
     "el", "D de M",
     "El Diario de %|La Voz de %|El Correo de %|% Hoy|El Heraldo de %|"
     "La Crónica de %|El Periódico de %|La Tribuna de %",
     "Agencia %", false},
    {"fr", 0.15,
     "b bl br c ch cl cr d dr f fl fr g gl gr j l m n p pl pr qu r s t tr v",
     "a e i o u é è ou ai au eau eu oi ie", "- n r s t l x nt rd rt",
     "s e es ent",
     "de la le et les des en du un une à est pour que dans qui au sur par "
     "pas il a avec été ont plus son ses ce aux elle",
     "lundi mardi mercredi jeudi vendredi samedi dimanche",
     "janvier février mars avril mai juin juillet août septembre octobre "
     "novembre décembre",
     "ce", "D M",
     "Le % Matin|La Gazette de %|Le Courrier de %|L'Écho de %|La Voix de %|"
     "Le Républicain de %|% Info|Le Journal de %",
     "Agence %-Presse", false},
    {"it", 0.10,
     "b br c ch cr d f fr g gh gl gr l m n p pr qu r s sc sp st str t tr v z",
     "a e i o u ia io ie uo à è ò", "- n r l", "-",
     "di e il la che a per in un del è le non con una da si dei al alla "
     "sono ha ma nel anche più come gli",
     "lunedì martedì mercoledì giovedì venerdì sabato domenica",
     "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre "
     "ottobre novembre dicembre",
     "-", "D M",
     "Il Corriere di %|La Gazzetta di %|Il Giornale di %|La Nazione di %|"
     "Il Messaggero di %|% Oggi|La Provincia di %|Il Resto di %",
     "Agenzia %", false},
};

// Names: one inventory for every language, ASCII, so "Brandor" is spelled
// alike everywhere.
constexpr char kNameOnsets[] =
    "b br d dr f g gr h j k kr l m n p r s st t tr v z";
constexpr char kNameVowels[] = "a e i o u ai ei ia io";
constexpr char kNameCodas[] = "- n r s l k m nd rt v";

// Outlet names per language take place names from their own index range.
constexpr uint64_t kOutletNamesPerLanguage = 1000;
// Outlet k of a language publishes ~ (k + 1)^-kOutletExponent of its
// articles: a few big outlets, a long tail of small ones.
constexpr double kOutletExponent = 1.0;

// Possessive "Brandor's" in English: this share of later mentions.
constexpr double kPossessiveShare = 0.05;
// A trimmed copy loses its last paragraph with this probability, else a
// middle one; an extended copy gains its paragraph at the end with this
// probability, else after the lede.
constexpr double kTrimLastShare = 0.7;
constexpr double kExtendAtEndShare = 0.5;
// Trimmed and extended copies get a new headline with this probability.
constexpr double kCopyRetitleShare = 0.5;
// A story has 1..kStoryPersons persons, 1..kStoryPlaces places and an
// organisation with probability kStoryOrgShare; an event names a subset
// of the persons, 0..kMaxNewPersons new ones, and one of the places or,
// with kNewPlaceShare, a new one.
constexpr int kStoryPersons = 3;
constexpr int kStoryPlaces = 2;
constexpr double kStoryOrgShare = 0.5;
constexpr double kStoryPersonInEventShare = 0.7;
constexpr int kMaxNewPersons = 2;
constexpr double kNewPlaceShare = 0.3;
// International events add 1..kMaxExtraLanguages languages; their articles
// stay in the home language with this probability.
constexpr int kMaxExtraLanguages = 3;
constexpr double kHomeLanguageShare = 0.5;
// Headline words: event words, then story words, then names, up to these
// cumulative shares; the rest from the whole vocabulary.
constexpr double kTitleEventWords = 0.35, kTitleStoryWords = 0.5,
                 kTitleNames = 0.6;
constexpr int kMaxNumber = 999;
// Incidental names are persons with this probability, else places.
constexpr double kIncidentalPersonShare = 0.5;

struct Language {
  Language(const LanguageTable& t, size_t index)
      : table_index(index),
        code(t.code),
        share(t.share),
        spelling(t.onsets, t.vowels, t.codas),
        endings(Split(t.endings, ' ')),
        function_words(Split(t.function_words, ' ')),
        weekdays(Split(t.weekdays, ' ')),
        months(Split(t.months, ' ')),
        weekday_before(
            t.weekday_before == std::string_view("-") ? "" : t.weekday_before),
        date_format(t.date_format),
        outlet_patterns(Split(t.outlets, '|')),
        wire_pattern(t.wire),
        capitalizes_nouns(t.capitalizes_nouns) {}
  size_t table_index;  // in kLanguages
  std::string code;
  double share;
  Spelling spelling;
  std::vector<std::string> endings, function_words, weekdays, months;
  std::string weekday_before, date_format;
  std::vector<std::string> outlet_patterns;
  std::string wire_pattern;
  bool capitalizes_nouns;
  std::vector<std::string> outlets;  // filled by SynthStream::Create
  std::string wire;
};

std::string FillPattern(std::string_view pattern, std::string_view place) {
  std::string out;
  for (char c : pattern) {
    if (c == '%') {
      out.append(place);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// Lowercase ASCII letters and digits of `s`, runs of anything else as one
// '-' (for URLs).
std::string Slug(std::string_view s, size_t max_bytes) {
  std::string out;
  for (char c : s) {
    if (out.size() >= max_bytes) break;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

struct Entity {
  std::string full, brief;  // "Ilka Brandor", "Brandor"; a place: both alike
  bool person = false;
};

struct Story {
  int64_t id = 0;
  size_t lang = 0;
  int genre = 0;
  UnixSeconds end = 0;
  std::vector<Entity> persons, places, organisations;
  std::vector<uint64_t> words;
};

struct EventPlan {
  int64_t id = 0;
  const Story* story = nullptr;
  UnixSeconds start = 0;
  std::vector<Entity> names;
  std::vector<uint64_t> words;
  int weekday = 0;  // 0 = Monday
  int month = 0;    // 0 = January
  int day = 1;
};

// An article written and waiting for its publication time.
struct Pending {
  UnixSeconds time = 0;
  uint64_t seq = 0;  // generation order: ties keep it
  bool copy = false;
  Article article;
};

bool Later(const Pending& a, const Pending& b) {
  return a.time != b.time ? a.time > b.time : a.seq > b.seq;
}

// A wire report that later articles may copy.
struct Wire {
  std::string title;
  std::vector<std::string> paragraphs;
  UnixSeconds time = 0;
};

bool InUnit(double v) { return v >= 0 && v <= 1; }

}  // namespace

struct SynthStream::Impl {
  explicit Impl(const SynthOptions& o)
      : options(o),
        rng(o.seed),
        names(kNameOnsets, kNameVowels, kNameCodas),
        words(o.vocabulary, o.zipf_exponent, o.kernel_words, o.tail_exponent),
        topic_words(o.vocabulary - o.topic_min_rank, o.zipf_exponent,
                    o.kernel_words - std::min(o.kernel_words, o.topic_min_rank),
                    o.tail_exponent),
        first_names(o.first_names, o.name_exponent),
        surnames(o.surnames, o.name_exponent),
        places(o.places, o.name_exponent),
        organisations(o.organisations, o.name_exponent),
        outlets(o.outlets_per_language, kOutletExponent),
        horizon(o.start) {}

  // Name index ranges: first names from the two-syllable stems on, then
  // surnames, places and outlets' places, disjoint.
  uint64_t FirstNameBase() const { return names.FirstWithSyllables(2); }
  uint64_t SurnameBase() const { return FirstNameBase() + options.first_names; }
  uint64_t PlaceBase() const { return SurnameBase() + options.surnames; }
  uint64_t OutletPlaceBase() const { return PlaceBase() + options.places; }

  std::string Name(uint64_t index) const {
    std::string s;
    names.Append(index, &s);
    Capitalize(&s, 0);
    return s;
  }
  Entity NewPerson() {
    Entity e;
    e.brief = Name(SurnameBase() + surnames.Sample(&rng));
    e.full = Name(FirstNameBase() + first_names.Sample(&rng)) + " " + e.brief;
    e.person = true;
    return e;
  }
  Entity NewPlace() {
    Entity e;
    e.full = e.brief = Name(PlaceBase() + places.Sample(&rng));
    return e;
  }
  Entity NewOrganisation() {
    // A bijective scatter of the rank over the 26^3 acronyms.
    constexpr uint64_t kAcronyms = 26 * 26 * 26;
    constexpr uint64_t kPrime = 7919;  // coprime with 26^3
    uint64_t i = organisations.Sample(&rng) * kPrime % kAcronyms;
    Entity e;
    for (int k = 0; k < 3; ++k, i /= 26) e.full.push_back('A' + i % 26);
    e.brief = e.full;
    return e;
  }
  // A name from the whole pools, outside the event's cast.
  std::string IncidentalName() {
    return rng.Chance(kIncidentalPersonShare) ? NewPerson().full
                                              : NewPlace().full;
  }
  uint64_t TopicWord() {
    return options.topic_min_rank + topic_words.Sample(&rng);
  }
  size_t PickLanguage() {
    double u = rng.Uniform() * total_share;
    for (size_t i = 0; i < langs.size(); ++i) {
      if ((u -= langs[i].share) < 0) return i;
    }
    return langs.size() - 1;
  }

  Story* ChooseStory(UnixSeconds start);
  int EventSize();
  uint64_t NewEvent(UnixSeconds start);
  void GenerateDay();
  void Emit(const EventPlan& ev, size_t lang, const std::string& source,
            std::string title, const std::vector<std::string>& paragraphs,
            UnixSeconds time, bool copy);

  SynthOptions options;
  Rng rng;
  std::vector<Language> langs;
  double total_share = 0;
  Spelling names;
  Zipf words, topic_words, first_names, surnames, places, organisations,
      outlets;
  std::vector<std::vector<uint64_t>> genres;
  std::vector<std::unique_ptr<Story>> stories;  // open ones
  std::vector<Pending> pending;                 // a heap on Later
  UnixSeconds horizon;                          // articles before it are final
  int64_t day = 0;                              // the next day to generate
  uint64_t generated = 0;
  int64_t next_event = 1, next_story = 1;
  Counts counts;
};

namespace {

// Writes the words of one event's articles in one language.
class Writer {
 public:
  Writer(const SynthOptions& o, const Language& lang, const EventPlan& ev,
         const std::vector<uint64_t>& genre, const Zipf& words,
         std::function<std::string()> incidental_name, Rng* rng)
      : o_(o),
        lang_(lang),
        ev_(ev),
        genre_(genre),
        words_(words),
        incidental_name_(std::move(incidental_name)),
        rng_(rng),
        mentioned_(ev.names.size(), false) {}

  std::string Title() {
    std::string t;
    const int n = rng_->Between(o_.min_title_words, o_.max_title_words);
    for (int i = 0; i < n; ++i) {
      if (i > 0) t.push_back(' ');
      const double u =
          i == 0 ? rng_->Uniform() * kTitleStoryWords : rng_->Uniform();
      if (u < kTitleEventWords) {
        AppendWord(Pick(ev_.words), &t);
      } else if (u < kTitleStoryWords) {
        AppendWord(Pick(ev_.story->words), &t);
      } else if (u < kTitleNames && !ev_.names.empty()) {
        t.append(ev_.names[rng_->Below(ev_.names.size())].brief);
      } else {
        AppendWord(words_.Sample(rng_), &t);
      }
    }
    Capitalize(&t, 0);
    return t;
  }

  // The paragraphs of a fresh article; the first is the lede.
  std::vector<std::string> Body() {
    std::fill(mentioned_.begin(), mentioned_.end(), false);
    std::vector<std::string> paragraphs(
        rng_->Between(o_.min_paragraphs, o_.max_paragraphs));
    for (size_t i = 0; i < paragraphs.size(); ++i) {
      paragraphs[i] = Paragraph(i == 0);
    }
    return paragraphs;
  }

  std::string Paragraph(bool lede) {
    std::string p;
    const int n = rng_->Between(o_.min_sentences, o_.max_sentences);
    for (int i = 0; i < n; ++i) {
      if (i > 0) p.push_back(' ');
      Sentence(lede, lede && i == 0, &p);
    }
    return p;
  }

 private:
  uint64_t Pick(const std::vector<uint64_t>& v) {
    return v[rng_->Below(v.size())];
  }

  // Word `rank` of the language: a function word, or a pseudo-word stem
  // with now and then an inflection ending.
  void AppendWord(uint64_t rank, std::string* out) {
    const size_t f = lang_.function_words.size();
    if (rank < f) {
      out->append(lang_.function_words[rank]);
      return;
    }
    const size_t begin = out->size();
    lang_.spelling.Append(rank - f, out);
    if (!lang_.endings.empty() && rng_->Chance(o_.inflection_share)) {
      out->append(lang_.endings[rng_->Below(lang_.endings.size())]);
    }
    if (lang_.capitalizes_nouns &&
        static_cast<double>(Mix(rank, 0x6E6F756E) >> 11) * 0x1.0p-53 <
            o_.german_noun_share) {
      Capitalize(out, begin);
    }
  }

  // A person's first mention in an article gives the full name.
  void AppendName(std::string* out) {
    const size_t i = rng_->Below(ev_.names.size());
    const Entity& e = ev_.names[i];
    if (e.person && !mentioned_[i]) {
      out->append(e.full);
      mentioned_[i] = true;
      return;
    }
    out->append(e.brief);
    if (lang_.code == "en" && rng_->Chance(kPossessiveShare)) out->append("'s");
  }

  void AppendTimeMention(bool weekday, std::string* out) {
    if (weekday) {
      if (!lang_.weekday_before.empty()) {
        out->append(lang_.weekday_before);
        out->push_back(' ');
      }
      out->append(lang_.weekdays[ev_.weekday]);
      return;
    }
    for (char c : lang_.date_format) {
      if (c == 'D') {
        out->append(std::to_string(ev_.day));
      } else if (c == 'M') {
        out->append(lang_.months[ev_.month]);
      } else {
        out->push_back(c);
      }
    }
  }

  void Sentence(bool lede, bool first, std::string* out) {
    const double boost = lede ? o_.lede_boost : 1;
    const double names = ev_.names.empty() ? 0 : o_.name_share * boost;
    const double incidental = names + o_.incidental_name_share;
    const double event = incidental + o_.event_word_share * boost;
    const double story = event + o_.story_word_share;
    const double genre = story + o_.genre_word_share;
    const double number = genre + o_.number_share;
    const int n = rng_->Between(o_.min_words, o_.max_words);
    // The lede's first sentence may say when: "on Tuesday", "26 February".
    const bool weekday = first && rng_->Chance(o_.weekday_mention_share);
    const bool date = first && rng_->Chance(o_.date_mention_share);
    const int when = rng_->Between(1, n - 1);
    const size_t begin = out->size();
    for (int i = 0; i < n; ++i) {
      if (i > 0) out->append(rng_->Chance(o_.comma_share) ? ", " : " ");
      if (i == when && (weekday || date)) {
        AppendTimeMention(weekday, out);
        out->push_back(' ');
      }
      const double u = rng_->Uniform();
      if (u < names) {
        AppendName(out);
      } else if (u < incidental) {
        out->append(incidental_name_());
      } else if (u < event) {
        AppendWord(Pick(ev_.words), out);
      } else if (u < story) {
        AppendWord(Pick(ev_.story->words), out);
      } else if (u < genre) {
        AppendWord(Pick(genre_), out);
      } else if (u < number) {
        out->append(std::to_string(rng_->Between(2, kMaxNumber)));
      } else {
        AppendWord(words_.Sample(rng_), out);
      }
    }
    Capitalize(out, begin);
    out->push_back('.');
  }

  const SynthOptions& o_;
  const Language& lang_;
  const EventPlan& ev_;
  const std::vector<uint64_t>& genre_;
  const Zipf& words_;
  std::function<std::string()> incidental_name_;
  Rng* rng_;
  std::vector<bool> mentioned_;
};

std::string Join(const std::vector<std::string>& paragraphs) {
  std::string text;
  for (const std::string& p : paragraphs) {
    if (!text.empty()) text.append("\n\n");
    text.append(p);
  }
  return text;
}

}  // namespace

Story* SynthStream::Impl::ChooseStory(UnixSeconds start) {
  if (!stories.empty() && rng.Chance(options.continue_story_share)) {
    return stories[rng.Below(stories.size())].get();
  }
  auto s = std::make_unique<Story>();
  s->id = next_story++;
  ++counts.stories;
  s->lang = PickLanguage();
  s->genre = static_cast<int>(rng.Below(options.genres));
  s->end =
      start + static_cast<UnixSeconds>(
                  kSecondsPerDay * (options.story_days_min +
                                    rng.Uniform() * (options.story_days_max -
                                                     options.story_days_min)));
  for (int i = rng.Between(1, kStoryPersons); i > 0; --i) {
    s->persons.push_back(NewPerson());
  }
  for (int i = rng.Between(1, kStoryPlaces); i > 0; --i) {
    s->places.push_back(NewPlace());
  }
  if (rng.Chance(kStoryOrgShare)) s->organisations.push_back(NewOrganisation());
  for (int i = 0; i < options.story_words; ++i) s->words.push_back(TopicWord());
  stories.push_back(std::move(s));
  return stories.back().get();
}

int SynthStream::Impl::EventSize() {
  if (rng.Chance(options.singleton_share)) return 1;
  const double pareto =
      std::pow(1 - rng.Uniform(), -1 / options.event_size_alpha);
  return static_cast<int>(
      std::min<double>(options.max_event_articles, 1 + std::ceil(pareto)));
}

void SynthStream::Impl::Emit(const EventPlan& ev, size_t lang,
                             const std::string& source, std::string title,
                             const std::vector<std::string>& paragraphs,
                             UnixSeconds time, bool copy) {
  Pending p;
  p.time = time;
  p.seq = ++generated;
  p.copy = copy;
  Article& a = p.article;
  a.lang = langs[lang].code;
  a.lang_confidence = 1.0;
  a.source = source;
  a.published = time;
  a.gold_event = "e" + std::to_string(ev.id);
  a.gold_story = "s" + std::to_string(ev.story->id);
  const std::string date = FormatIsoDate(time);  // YYYY-MM-DD
  a.url = "https://www." + Slug(source, 40) + ".example/" + date.substr(0, 4) +
          "/" + date.substr(5, 2) + "/" + date.substr(8, 2) + "/" +
          Slug(title, 60) + "-" + std::to_string(p.seq);
  a.title = std::move(title);
  a.text = Join(paragraphs);
  a.id = ArticleId(a);
  pending.push_back(std::move(p));
  std::push_heap(pending.begin(), pending.end(), Later);
}

uint64_t SynthStream::Impl::NewEvent(UnixSeconds start) {
  EventPlan ev;
  ev.id = next_event++;
  ++counts.events;
  Story* story = ChooseStory(start);
  ev.story = story;
  ev.start = start;
  for (const Entity& p : story->persons) {
    if (rng.Chance(kStoryPersonInEventShare)) ev.names.push_back(p);
  }
  for (int i = rng.Between(0, kMaxNewPersons); i > 0; --i) {
    ev.names.push_back(NewPerson());
  }
  ev.names.push_back(rng.Chance(kNewPlaceShare)
                         ? NewPlace()
                         : story->places[rng.Below(story->places.size())]);
  for (const Entity& o : story->organisations) ev.names.push_back(o);
  for (int i = 0; i < options.event_words; ++i) ev.words.push_back(TopicWord());
  const int64_t days = start / kSecondsPerDay;
  ev.weekday = static_cast<int>((days % 7 + 10) % 7);  // 1970-01-01: Thursday
  const std::string date = FormatIsoDate(start);
  ev.month = std::stoi(date.substr(5, 2)) - 1;
  ev.day = std::stoi(date.substr(8, 2));

  const int size = EventSize();
  std::vector<size_t> event_langs = {
      rng.Chance(options.story_language_share) ? story->lang : PickLanguage()};
  if (size >= 3 && langs.size() > 1 &&
      rng.Chance(options.international_share)) {
    for (int extra = rng.Between(1, kMaxExtraLanguages); extra > 0; --extra) {
      const size_t l = rng.Below(langs.size());
      if (std::find(event_langs.begin(), event_langs.end(), l) ==
          event_langs.end()) {
        event_langs.push_back(l);
      }
    }
  }
  std::vector<std::optional<Wire>> wires(langs.size());
  std::vector<bool> seen(langs.size(), false);
  const double copy_kinds_total = options.copy_kinds[0] +
                                  options.copy_kinds[1] +
                                  options.copy_kinds[2] + options.copy_kinds[3];
  for (int j = 0; j < size; ++j) {
    const size_t l =
        j == 0 || event_langs.size() == 1 || rng.Chance(kHomeLanguageShare)
            ? event_langs[0]
            : event_langs[1 + rng.Below(event_langs.size() - 1)];
    Language& lang = langs[l];
    Writer writer(
        options, lang, ev, genres[story->genre], words,
        [this] { return IncidentalName(); }, &rng);
    const std::string& outlet = lang.outlets[outlets.Sample(&rng)];
    if (wires[l] && rng.Chance(options.copy_share)) {
      const Wire& w = *wires[l];
      std::string title = w.title;
      std::vector<std::string> paragraphs = w.paragraphs;
      double kind = rng.Uniform() * copy_kinds_total;
      if ((kind -= options.copy_kinds[0]) < 0) {
        // verbatim
      } else if ((kind -= options.copy_kinds[1]) < 0) {
        title = writer.Title();
      } else if ((kind -= options.copy_kinds[2]) < 0) {
        if (paragraphs.size() > 1) {
          paragraphs.erase(rng.Chance(kTrimLastShare)
                               ? paragraphs.end() - 1
                               : paragraphs.begin() + 1 +
                                     rng.Below(paragraphs.size() - 1));
        }
        if (rng.Chance(kCopyRetitleShare)) title = writer.Title();
      } else {
        paragraphs.insert(rng.Chance(kExtendAtEndShare)
                              ? paragraphs.end()
                              : paragraphs.begin() + 1,
                          writer.Paragraph(false));
        if (rng.Chance(kCopyRetitleShare)) title = writer.Title();
      }
      const double delay_days = rng.TruncatedExponential(
          options.copy_delay_hours / kHoursPerDay, options.max_burst_days);
      Emit(ev, l, outlet, std::move(title), paragraphs,
           w.time + static_cast<UnixSeconds>(delay_days * kSecondsPerDay),
           /*copy=*/true);
      continue;
    }
    const UnixSeconds time =
        j == 0 ? start
               : start + static_cast<UnixSeconds>(
                             kSecondsPerDay *
                             rng.TruncatedExponential(options.burst_days,
                                                      options.max_burst_days));
    const bool wire = !seen[l] && size > 1 && rng.Chance(options.wire_share);
    seen[l] = true;
    std::string title = writer.Title();
    std::vector<std::string> paragraphs = writer.Body();
    if (wire) wires[l] = Wire{title, paragraphs, time};
    Emit(ev, l, wire ? lang.wire : outlet, std::move(title), paragraphs, time,
         /*copy=*/false);
  }
  return static_cast<uint64_t>(size);
}

void SynthStream::Impl::GenerateDay() {
  const UnixSeconds day_start = options.start + day * kSecondsPerDay;
  std::erase_if(stories, [&](const std::unique_ptr<Story>& s) {
    return s->end < day_start;
  });
  // articles_per_day is the weekly mean: 5 weekdays and 2 weaker days.
  const double weekday_rate =
      options.articles_per_day * 7 / (5 + 2 * options.weekend_factor);
  const int64_t days = day_start / kSecondsPerDay;
  const bool weekend = (days % 7 + 10) % 7 >= 5;
  const uint64_t target = rng.Poisson(
      weekend ? weekday_rate * options.weekend_factor : weekday_rate);
  for (uint64_t made = 0; made < target;) {
    made += NewEvent(day_start +
                     static_cast<UnixSeconds>(rng.Below(kSecondsPerDay)));
  }
  ++day;
  horizon = day_start + kSecondsPerDay;
}

Result<std::unique_ptr<SynthStream>> SynthStream::Create(
    const SynthOptions& o) {
  auto bad = [](std::string_view what) {
    return Status::InvalidArgument("synthetic stream: " + std::string(what));
  };
  for (double share :
       {o.weekend_factor, o.german_noun_share, o.inflection_share,
        o.singleton_share, o.international_share, o.story_language_share,
        o.weekday_mention_share, o.date_mention_share, o.continue_story_share,
        o.wire_share, o.copy_share, o.comma_share}) {
    if (!InUnit(share)) return bad("a share or factor is outside [0, 1]");
  }
  const double lede_shares =
      o.lede_boost * (o.name_share + o.event_word_share) +
      o.incidental_name_share + o.story_word_share + o.genre_word_share +
      o.number_share;
  if (o.lede_boost < 1 || !InUnit(lede_shares)) {
    return bad("word shares (with lede_boost) must add up to at most 1");
  }
  if (!(o.articles_per_day > 0) || !(o.burst_days > 0) ||
      !(o.max_burst_days > 0) || !(o.copy_delay_hours > 0) ||
      !(o.zipf_exponent > 0) || !(o.tail_exponent > 0) ||
      !(o.name_exponent > 0) || !(o.event_size_alpha > 0)) {
    return bad("rates, delays and exponents must be positive");
  }
  if (o.min_paragraphs < 1 || o.min_paragraphs > o.max_paragraphs ||
      o.min_sentences < 1 || o.min_sentences > o.max_sentences ||
      o.min_words < 2 || o.min_words > o.max_words || o.min_title_words < 1 ||
      o.min_title_words > o.max_title_words || o.story_days_min < 0 ||
      o.story_days_min > o.story_days_max) {
    return bad("an empty range (min > max, or too small a min)");
  }
  if (o.first_names < 1 || o.surnames < 1 || o.places < 1 ||
      o.organisations < 1 || o.organisations > 26 * 26 * 26 ||
      o.outlets_per_language < 1 || o.genres < 1 || o.genre_words < 1 ||
      o.story_words < 1 || o.event_words < 1 || o.max_event_articles < 1 ||
      o.topic_min_rank >= o.vocabulary) {
    return bad("a pool size is out of range");
  }
  double kinds = 0;
  for (double k : o.copy_kinds) {
    if (k < 0) return bad("copy_kinds must not be negative");
    kinds += k;
  }
  if (!(kinds > 0)) return bad("copy_kinds must not all be 0");

  auto impl = std::make_unique<Impl>(o);
  const std::vector<std::string> codes =
      o.languages.empty() ? SynthLanguages() : o.languages;
  for (const std::string& code : codes) {
    size_t index = std::size(kLanguages);
    for (size_t t = 0; t < std::size(kLanguages); ++t) {
      if (kLanguages[t].code == code) index = t;
    }
    if (index == std::size(kLanguages)) {
      return bad("unknown language \"" + code +
                 "\" (known: da de en es fr it)");
    }
    for (const Language& l : impl->langs) {
      if (l.code == code) return bad("language \"" + code + "\" given twice");
    }
    impl->langs.emplace_back(kLanguages[index], index);
    impl->total_share += kLanguages[index].share;
  }
  for (size_t l = 0; l < impl->langs.size(); ++l) {
    Language& lang = impl->langs[l];
    // Outlets are named after places from a range of their own; the index
    // follows the language's place in the built-in table, so an outlet
    // keeps its name whatever other languages the stream has.
    const uint64_t base =
        impl->OutletPlaceBase() + kOutletNamesPerLanguage * lang.table_index;
    for (size_t i = 0; i < o.outlets_per_language; ++i) {
      lang.outlets.push_back(FillPattern(
          lang.outlet_patterns[i % lang.outlet_patterns.size()],
          impl->Name(base + 1 + i % (kOutletNamesPerLanguage - 1))));
    }
    lang.wire = FillPattern(lang.wire_pattern, impl->Name(base));
  }
  for (int g = 0; g < o.genres; ++g) {
    // Topic words like any other, from a generator of the genre's own.
    Rng genre_rng(Mix(o.seed, static_cast<uint64_t>(g)));
    impl->genres.emplace_back();
    for (int i = 0; i < o.genre_words; ++i) {
      impl->genres.back().push_back(o.topic_min_rank +
                                    impl->topic_words.Sample(&genre_rng));
    }
  }
  return std::unique_ptr<SynthStream>(new SynthStream(std::move(impl)));
}

SynthStream::SynthStream(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SynthStream::~SynthStream() = default;

Article SynthStream::Next() {
  Impl& g = *impl_;
  while (g.pending.empty() || g.pending.front().time >= g.horizon) {
    g.GenerateDay();
  }
  std::pop_heap(g.pending.begin(), g.pending.end(), Later);
  Pending p = std::move(g.pending.back());
  g.pending.pop_back();
  ++g.counts.articles;
  g.counts.copies += p.copy;
  p.article.external_id = "syn-" + std::to_string(g.counts.articles);
  return std::move(p.article);
}

const SynthStream::Counts& SynthStream::counts() const { return impl_->counts; }

std::vector<std::string> SynthLanguages() {
  std::vector<std::string> codes;
  for (const LanguageTable& t : kLanguages) codes.push_back(t.code);
  return codes;
}

std::string ToJsonLine(const Article& a) {
  nlohmann::ordered_json j;
  j["id"] = a.external_id;
  j["event"] = a.gold_event;
  j["story"] = a.gold_story;
  j["lang"] = a.lang;
  if (a.published) {
    j["date"] = FormatIsoTime(*a.published);
  } else {
    j["date"] = nullptr;
  }
  j["source"] = a.source;
  j["url"] = a.url;
  j["title"] = a.title;
  j["text"] = a.text;
  return j.dump();
}

}  // namespace newsloom
