// The translation unit that owns the test binaries' shared precompiled
// header (newsloom_test_pch in the top CMakeLists.txt). Nothing else.
