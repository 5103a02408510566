#include "ner/model.h"

#include "ner/beam.h"

#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace newsloom {
namespace {

constexpr char kMagic[6] = {'N', 'L', 'N', 'E', 'R', 'M'};

void PutU32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// A bounds-checked reader over untrusted bytes.
class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  bool U32(uint32_t* v) {
    if (s_.size() - pos_ < 4) return false;
    *v = 0;
    for (int i = 0; i < 4; ++i)
      *v |= uint32_t(static_cast<unsigned char>(s_[pos_ + i])) << (8 * i);
    pos_ += 4;
    return true;
  }
  bool Varint(uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= s_.size()) return false;
      unsigned char b = static_cast<unsigned char>(s_[pos_++]);
      *v |= uint64_t(b & 0x7F) << shift;
      if (!(b & 0x80)) return true;
    }
    return false;
  }
  bool Bytes(size_t n, std::string_view* v) {
    if (s_.size() - pos_ < n) return false;
    *v = s_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  bool done() const { return pos_ == s_.size(); }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

NerModel::NerModel(std::string lang, bool use_gazetteer,
                   const std::map<uint32_t, std::array<int16_t, kLabels>>& weights,
                   std::map<std::string, std::string> header)
    : lang_(std::move(lang)),
      use_gazetteer_(use_gazetteer),
      header_(std::move(header)) {
  header_["lang"] = lang_;
  header_["gazetteer"] = use_gazetteer_ ? "1" : "0";
  header_["labels"] = std::to_string(kLabels);
  header_["features"] = std::to_string(weights.size());
  if (use_gazetteer_) gazetteer_ = std::make_unique<Gazetteer>(lang_);
  if (header_.count("domain")) domain_ = DomainOf(header_["domain"]);
  LoadLexicon();
  ReadBeam();
  Build(std::vector<Row>(weights.begin(), weights.end()));
}

void NerModel::ReadBeam() {
  auto it = header_.find("beam");
  beam_ = it == header_.end() ? 1 : std::clamp(std::atoi(it->second.c_str()), 1, kMaxBeam);
}

void NerModel::LoadLexicon() {
  auto it = header_.find("lexicon");
  if (it == header_.end()) return;
  std::string path = Lexicon::PathOf(it->second);
  if (path.empty()) return;
  auto lexicon = std::make_unique<Lexicon>(path);
  // Not installed: the model runs without it (scripts/setup.sh installs it).
  if (lexicon->loaded()) lexicon_ = std::move(lexicon);
}

void NerModel::Build(const std::vector<Row>& weights) {
  size_ = weights.size();
  capacity_ = 16;
  while (capacity_ * 3 < 4 * size_) capacity_ *= 2;
  slots_.assign(capacity_, Slot());
  for (const auto& [hash, w] : weights) {
    uint32_t i = hash & (capacity_ - 1);
    while (slots_[i].key != 0) i = (i + 1) & (capacity_ - 1);
    slots_[i].key = hash;
    std::copy(w.begin(), w.end(), slots_[i].w);
  }
}

std::map<uint32_t, std::array<int16_t, kLabels>> NerModel::Weights() const {
  std::map<uint32_t, std::array<int16_t, kLabels>> out;
  for (const Slot& slot : slots_) {
    if (slot.key == 0) continue;
    std::array<int16_t, kLabels>& w = out[slot.key];
    std::copy(slot.w, slot.w + kLabels, w.begin());
  }
  return out;
}

std::string NerModel::Serialize() const {
  std::string payload;
  uint32_t last = 0;
  for (const auto& [hash, w] : Weights()) {
    PutVarint(&payload, hash - last);
    last = hash;
    uint32_t mask = 0;
    for (int l = 0; l < kLabels; ++l)
      if (w[l] != 0) mask |= 1u << l;
    PutVarint(&payload, mask);
    for (int l = 0; l < kLabels; ++l) {
      if (w[l] == 0) continue;
      int32_t v = w[l];
      PutVarint(&payload, (uint32_t(v) << 1) ^ uint32_t(v >> 31));
    }
  }
  uLongf bound = compressBound(payload.size());
  std::string compressed(bound, '\0');
  compress2(reinterpret_cast<Bytef*>(compressed.data()), &bound,
            reinterpret_cast<const Bytef*>(payload.data()), payload.size(),
            Z_BEST_COMPRESSION);
  compressed.resize(bound);

  std::string header;
  for (const auto& [k, v] : header_) header += k + "=" + v + "\n";
  std::string out(kMagic, sizeof(kMagic));
  out.push_back(static_cast<char>(kNerModelVersion & 0xFF));
  out.push_back(static_cast<char>(kNerModelVersion >> 8));
  PutU32(&out, static_cast<uint32_t>(header.size()));
  out += header;
  PutU32(&out, static_cast<uint32_t>(compressed.size()));
  PutU32(&out, static_cast<uint32_t>(payload.size()));
  out += compressed;
  return out;
}

Result<std::unique_ptr<NerModel>> NerModel::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open NER model");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Status::IoError(path + ": read failed");
  return Parse(buf.str(), path);
}

Result<std::unique_ptr<NerModel>> NerModel::Parse(std::string_view bytes,
                                                  std::string_view name) {
  auto corrupt = [&](std::string_view what) {
    return Status::Corruption(std::string(name) + ": not a valid NER model (" +
                              std::string(what) + ")");
  };
  if (bytes.size() < 8 || std::memcmp(bytes.data(), kMagic, 6) != 0)
    return corrupt("bad magic");
  uint16_t version = static_cast<uint16_t>(static_cast<unsigned char>(bytes[6]) |
                                           (static_cast<unsigned char>(bytes[7]) << 8));
  if (version != kNerModelVersion) {
    return Status::NotSupported(std::string(name) + ": NER model version " +
                                std::to_string(version) + ", this build reads " +
                                std::to_string(kNerModelVersion));
  }
  Reader r(bytes.substr(8));
  uint32_t header_len, compressed_len, raw_len;
  std::string_view header_text, compressed;
  if (!r.U32(&header_len) || !r.Bytes(header_len, &header_text))
    return corrupt("truncated header");
  if (!r.U32(&compressed_len) || !r.U32(&raw_len) ||
      !r.Bytes(compressed_len, &compressed) || !r.done())
    return corrupt("truncated payload");
  if (raw_len > (1u << 30)) return corrupt("payload too large");

  std::unique_ptr<NerModel> model(new NerModel());
  size_t pos = 0;
  while (pos < header_text.size()) {
    size_t nl = header_text.find('\n', pos);
    if (nl == std::string_view::npos) return corrupt("header line");
    std::string_view line = header_text.substr(pos, nl - pos);
    pos = nl + 1;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) return corrupt("header line");
    model->header_[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
  }
  if (model->header_["labels"] != std::to_string(kLabels))
    return corrupt("label count");
  model->lang_ = model->header_["lang"];
  model->use_gazetteer_ = model->header_["gazetteer"] == "1";

  std::string payload(raw_len, '\0');
  uLongf out_len = raw_len;
  if (uncompress(reinterpret_cast<Bytef*>(payload.data()), &out_len,
                 reinterpret_cast<const Bytef*>(compressed.data()),
                 compressed.size()) != Z_OK ||
      out_len != raw_len)
    return corrupt("zlib");

  std::vector<Row> weights;
  Reader p(payload);
  uint64_t hash = 0;
  while (!p.done()) {
    uint64_t delta, mask;
    if (!p.Varint(&delta) || !p.Varint(&mask)) return corrupt("feature");
    hash += delta;
    if (hash == 0 || hash > 0xFFFFFFFFu || mask >= (1u << kLabels) ||
        (delta == 0 && !weights.empty()))
      return corrupt("feature hash");
    std::array<int16_t, kLabels> w{};
    for (int l = 0; l < kLabels; ++l) {
      if (!(mask & (1u << l))) continue;
      uint64_t z;
      if (!p.Varint(&z) || z > 0xFFFF) return corrupt("weight");
      int32_t v = int32_t(z >> 1) ^ -int32_t(z & 1);
      w[l] = static_cast<int16_t>(v);
    }
    weights.emplace_back(static_cast<uint32_t>(hash), w);
  }
  if (std::to_string(weights.size()) != model->header_["features"])
    return corrupt("feature count");
  if (model->header_.count("domain"))
    model->domain_ = DomainOf(model->header_["domain"]);
  if (model->use_gazetteer_)
    model->gazetteer_ = std::make_unique<Gazetteer>(model->lang_);
  model->LoadLexicon();
  model->ReadBeam();
  model->Build(weights);
  return model;
}

std::string DefaultNerModelDir() {
  const char* env = std::getenv("NEWSLOOM_NER_MODELS");
  if (env && *env) return env;
  return NEWSLOOM_NER_MODEL_DIR;
}

std::string NerModelPath(std::string_view lang, const std::string& dir) {
  return (dir.empty() ? DefaultNerModelDir() : dir) + "/" + std::string(lang) +
         ".nermodel";
}

Result<std::unique_ptr<NerModel>> LoadNerModel(std::string_view lang,
                                               const std::string& dir) {
  for (char c : lang)
    if (!((c >= 'a' && c <= 'z') || c == '-' || c == '_'))
      return Status::NotFound("no NER model for language '" + std::string(lang) + "'");
  if (lang.empty()) return Status::NotFound("no NER model for an empty language");
  return NerModel::Load(NerModelPath(lang, dir));
}

SequenceTagger::SequenceTagger(const NerModel& model)
    : model_(model),
      beam_(model.beam() > 1 ? std::make_unique<BeamBuffers>() : nullptr) {}

SequenceTagger::~SequenceTagger() = default;

void SequenceTagger::Tag(std::span<const std::string_view> words,
                         std::vector<int>* labels) {
  ExtractFeatures(words, model_.gazetteer(), model_.lexicon(), &document_,
                  &features_, model_.domain());
  // The static part of every token's scores first, in one pass that
  // prefetches a few features ahead; the greedy loop then adds only the
  // dynamic features.
  const std::vector<uint32_t>& h = features_.hashes;
  static_scores_.assign(words.size() * kLabels, 0);
  constexpr size_t kAhead = 8;
  for (size_t k = 0; k < std::min(kAhead, h.size()); ++k) model_.Prefetch(h[k]);
  for (size_t t = 0; t < words.size(); ++t) {
    int32_t* scores = &static_scores_[t * kLabels];
    for (uint32_t k = features_.offsets[t]; k < features_.offsets[t + 1]; ++k) {
      if (k + kAhead < h.size()) model_.Prefetch(h[k + kAhead]);
      model_.Accumulate(h[k], scores);
    }
  }
  auto score = [this](uint32_t hash, int32_t* scores) { model_.Accumulate(hash, scores); };
  if (model_.beam() > 1) {
    DecodeBeam<int32_t>(features_, &history_, model_.beam(), &dynamic_, labels, score,
                        [this](uint32_t hash) { model_.Prefetch(hash); },
                        &static_scores_, beam_.get(), nullptr,
                        [](size_t, size_t, const std::vector<int>&, const std::vector<int>&) {});
    return;
  }
  DecodeGreedy<int32_t>(
      features_, &history_, &dynamic_, labels, score,
      [](size_t, int, const std::vector<uint32_t>&) {}, &static_scores_);
}

}  // namespace newsloom
