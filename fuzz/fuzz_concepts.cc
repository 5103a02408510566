// The FreeDict dictionaries (dictd .index and .dict files, read from the
// installed packages) and the cache files of their parsed tables
// (text/concepts.h). Byte 0 picks the input: a dictionary (the rest split
// at the first NUL into index and dict; bit 1 reads it as English->X) or
// the text of a cache file after its identity line.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/concepts.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsloom;
  if (size == 0) return 0;
  static ConceptDictionary* dictionary = new ConceptDictionary("/nonexistent", "none");
  const uint8_t mode = data[0];
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  ConceptDictionary::Table table;
  if ((mode & 1) == 0) {
    const size_t nul = rest.find('\0');
    const std::string_view index = rest.substr(0, nul);
    const std::string_view dict =
        nul == std::string_view::npos ? std::string_view() : rest.substr(nul + 1);
    dictionary->Parse(index, dict, (mode & 2) ? "ru" : "da", (mode & 2) != 0, &table);
  } else {
    const std::string key = "source\tfuzz";
    const std::string text = "newsloom-concepts\t1\n" + key + "\n" + std::string(rest);
    if (dictionary->ParseCache(text, key, &table)) {
      // What was accepted is well formed: no empty stem or concept.
      table.ForEach([](std::string_view stem, const std::vector<std::string>& concepts) {
        if (stem.empty() || concepts.empty()) std::abort();
        for (const std::string& c : concepts) {
          if (c.empty()) std::abort();
        }
      });
    }
  }
  return 0;
}
