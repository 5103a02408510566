#include "html/phrases.h"

#include <algorithm>
#include <array>

#include "base/utf8.h"

namespace newsloom {
namespace {

// Interface phrases that are never article text when they are a whole
// block or line (squeezed).
constexpr auto kUiPhrases = std::to_array<std::string_view>({
    "advertisement", "advertising", "ad", "ads", "sponsored",
    "sponsoredcontent", "readmore", "continuereading", "readthefullstory",
    "share", "sharethis", "sharethisarticle", "sharethisstory",
    "shareonfacebook", "shareontwitter", "tweet", "email", "print",
    "comments", "leaveacomment", "related", "relatedarticles",
    "relatedstories", "relatedcontent", "morestories", "recommended",
    "youmayalsolike", "clickhere", "subscribe", "signup", "login",
    "followus", "skiptocontent", "backtotop", "loading",
    "storycontinuesbelow", "articlecontinuesbelow",
    "storycontinuesbelowadvertisement", "continuereadingbelow",
    "scrolltocontinuewithcontent", "showmore", "showless", "loadmore",
    "viewcomments", "postacomment", "newsfeed", "articleimage", "image",
    "photo", "video", "playvideo", "watch", "listen", "listentothisarticle",
});

constexpr auto kImagePlaceholders = std::to_array<std::string_view>({
    "articleimage", "image", "photo", "picture", "thumbnail",
});

// Headings that open a section of other stories or of comments.
constexpr auto kRelatedHeadings = std::to_array<std::string_view>({
    "related", "relatedarticles", "relatedstories", "relatedposts",
    "relatedcontent", "relatedcoverage", "relatedlinks", "youmayalsolike",
    "youmightalsolike", "youmaylike", "morestories", "morenews",
    "recommended", "recommendedforyou", "recommendedstories", "readnext",
    "whattoreadnext", "upnext", "mostpopular", "mostread", "trending",
    "trendingnow", "popularstories", "alsoread", "seealso", "latestnews",
    "latestarticles", "latestposts", "topstories", "newsfeed",
});
constexpr auto kCommentHeadings = std::to_array<std::string_view>({
    "comments", "comment", "leaveacomment", "leaveareply", "postacomment",
    "jointhediscussion", "jointheconversation", "reply", "responses",
});

// Words of photo credits (squeezed); any of them inside a final bracket
// makes a credit.
constexpr auto kCreditWords = std::to_array<std::string_view>({
    "getty", "gettyimages", "shutterstock", "istock", "alamy", "apphoto",
    "afpphoto", "reutersphoto", "epaphoto", "photo", "photos", "image",
    "images", "imagecredit", "credit", "courtesy", "photograph",
    "picture", "file",
});

// Labels that open a trailing credit without brackets ("Photo: AP").
constexpr auto kCreditLabels = std::to_array<std::string_view>({
    "photo", "image", "credit", "photograph", "picture", "imagecredit",
    "photocredit",
});

// Picture agencies and stock libraries: a short line naming one is a
// credit by itself ("Natalie Naccache | Bloomberg | Getty Images").
constexpr auto kAgencyWords = std::to_array<std::string_view>({
    "getty", "gettyimages", "shutterstock", "istock", "alamy", "apphoto",
    "afpphoto", "epaphoto", "reutersphoto",
});

template <typename List>
bool In(const List& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// Whether a word of `s` (runs of ASCII letters, lowercased; also each two
// neighbours joined: "AP Photo" -> apphoto) is in `list`.
template <typename List>
bool HasWord(std::string_view s, const List& list) {
  std::string prev, word;
  auto check = [&]() {
    if (word.empty()) return false;
    const bool hit = In(list, word) || In(list, prev + word);
    prev = word;
    word.clear();
    return hit;
  };
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      word += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    } else if (check()) {
      return true;
    }
  }
  return check();
}

}  // namespace

std::string Squeeze(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

bool IsUiPhrase(std::string_view text) {
  if (text.size() > 48) return false;
  return In(kUiPhrases, Squeeze(text));
}

bool IsImagePlaceholder(std::string_view text) {
  if (text.size() > 24) return false;
  return In(kImagePlaceholders, Squeeze(text));
}

bool IsReadingTime(std::string_view text) {
  if (text.size() > 40) return false;
  const std::string s = Squeeze(text);
  size_t i = 0;
  if (s.starts_with("readingtime")) {
    i = 11;
    const size_t digits = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == digits) return false;
    const std::string_view rest = std::string_view(s).substr(i);
    return rest.empty() || rest == "min" || rest == "mins" ||
           rest == "minute" || rest == "minutes";
  }
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == 0) return false;
  const std::string_view rest = std::string_view(s).substr(i);
  return rest == "minread" || rest == "minsread" || rest == "minuteread" ||
         rest == "minutesread";
}

ChromeKind SectionPhraseKind(std::string_view text) {
  if (text.size() > 60) return ChromeKind::kNone;
  std::string s = Squeeze(text);
  while (!s.empty() && s.back() >= '0' && s.back() <= '9') s.pop_back();
  if (In(kRelatedHeadings, s)) return ChromeKind::kRelated;
  if (In(kCommentHeadings, s)) return ChromeKind::kComments;
  return ChromeKind::kNone;
}

bool IsPhotoCredit(std::string_view text) {
  const std::string_view t = TrimAscii(text);
  if (t.empty() || t.size() > 100) return false;
  const char last = t.back();
  if (last == '.' || last == '!' || last == '?') return false;
  if (HasWord(t, kAgencyWords)) return true;
  return (t.find('/') != std::string_view::npos ||
          t.find('|') != std::string_view::npos) &&
         HasWord(t, kCreditWords);
}

bool EndsWithPhotoCredit(std::string_view text) {
  const std::string_view t = TrimAscii(text);
  if (t.empty()) return false;
  const char last = t.back();
  if (last == ')' || last == ']') {
    const char open = last == ')' ? '(' : '[';
    const size_t at = t.rfind(open);
    if (at == std::string_view::npos) return false;
    return HasWord(t.substr(at + 1, t.size() - at - 2), kCreditWords);
  }
  // "... Photo: John Doe/AP": a label after the last sentence end.
  size_t start = 0;
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if ((t[i] == '.' || t[i] == '!' || t[i] == '?') && t[i + 1] == ' ') {
      start = i + 2;
    }
  }
  const std::string_view tail = t.substr(start);
  const size_t colon = tail.find(':');
  if (colon == std::string_view::npos || colon > 20) return false;
  return In(kCreditLabels, Squeeze(tail.substr(0, colon))) &&
         tail.size() - colon < 80;
}

}  // namespace newsloom
