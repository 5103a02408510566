// Facts about the build a test may adapt to.
#ifndef NEWSLOOM_BASE_BUILD_H_
#define NEWSLOOM_BASE_BUILD_H_

#include <ctime>

namespace newsloom {

// True in the AddressSanitizer/UndefinedBehaviorSanitizer build
// (-DNEWSLOOM_SANITIZE=...), where code runs several times slower: tests
// that sweep whole corpora check a sample there (every kSanitizedStride-th
// item) and everything in the plain build.
#ifdef NEWSLOOM_SANITIZED
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
inline constexpr int kSanitizedStride = 8;

// How many items of a sweep to skip between two checked ones (1 = none).
inline constexpr int SweepStride() { return kSanitized ? kSanitizedStride : 1; }

// Tests that guard against work that blows up (a search that grows with
// the square of its input, entities that expand to gigabytes) bound the
// CPU time the step took, not the wall time, so that a machine busy with
// other work does not fail them: ProcessCpuSeconds() before and after,
// against CpuSecondsBound(s), s in the plain build and several times s in
// the sanitizer build. Speed itself is measured by benchmarks (bench/).
inline double ProcessCpuSeconds() {
  return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}
inline constexpr double CpuSecondsBound(double plain) {
  return kSanitized ? 8 * plain : plain;
}

}  // namespace newsloom

#endif  // NEWSLOOM_BASE_BUILD_H_
