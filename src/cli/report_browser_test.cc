// Issue 8: the seeds' HTML report as headless Chromium renders it on a
// phone-sized screen. Writes the screenshot to
// BUILD/test-artifacts/report-seeds.png and checks it was drawn. Skips
// when the seeds or Debian's chromium are absent (scripts/setup.sh installs
// chromium; the page itself needs no network).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace {

namespace fs = std::filesystem;

int Shell(const std::string& cmd) {
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(ReportBrowserTest, SeedsReportRendersOnAPhoneScreen) {
  const fs::path seeds = fs::path(NEWSLOOM_SHARED_DIR) / "seeds";
  if (!fs::exists(seeds)) GTEST_SKIP() << "no seeds at " << seeds;
  if (!fs::exists("/usr/bin/chromium")) GTEST_SKIP() << "no /usr/bin/chromium";
  const fs::path dir = fs::temp_directory_path() /
                       ("newsloom_report_browser_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string bin = NEWSLOOM_BINARY;
  const fs::path db = dir / "seeds.db";
  const fs::path html = dir / "story-1.html";
  ASSERT_EQ(Shell(bin + " ingest " + seeds.string() + " --db " + db.string() + " -q"), 0);
  ASSERT_EQ(Shell(bin + " report 1 --db " + db.string() + " --format html --out " +
                html.string()),
            0);
  const fs::path artifacts = fs::path(NEWSLOOM_BINARY).parent_path() / "test-artifacts";
  fs::create_directories(artifacts);
  const fs::path png = artifacts / "report-seeds.png";
  fs::remove(png);
  // A 412 px wide screen (a common phone), the whole page tall enough to
  // show the summary, the timeline chart and the start of the coverage.
  const std::string chromium =
      "/usr/bin/chromium --headless --no-sandbox --disable-gpu --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync "
      "--hide-scrollbars --window-size=412,3000 --screenshot=" +
      png.string() + " file://" + html.string() + " >" + (dir / "chromium.log").string() +
      " 2>&1";
  EXPECT_EQ(Shell(chromium), 0);
  ASSERT_TRUE(fs::exists(png)) << "chromium wrote no screenshot";
  std::ifstream in(png, std::ios::binary);
  std::string magic(8, '\0');
  in.read(magic.data(), 8);
  EXPECT_EQ(magic, "\x89PNG\r\n\x1a\n");
  EXPECT_GT(fs::file_size(png), 20000u);  // a drawn page, not a blank one
  std::cout << "screenshot: " << png << "\n";
  fs::remove_all(dir);
}

}  // namespace
