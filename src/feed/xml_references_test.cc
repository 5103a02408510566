#include "feed/xml_references.h"

#include <gtest/gtest.h>

#include <string>

namespace newsloom {
namespace {

struct Case {
  const char* name;
  const char* xml;
  bool has_non_xml;     // HasNonXmlReference
  const char* numeric;  // WithNumericReferences; nullptr: nullopt
};

TEST(XmlReferencesTest, GoldenTable) {
  const Case kCases[] = {
      {"no ampersand", "<a>plain</a>", false, nullptr},
      {"predefined and character references only",
       "<a>&lt;p&gt; &amp;amp; &#160;&#xA0;</a>", false,
       "<a>&#60;p&#62; &#38;amp; &#160;&#xA0;</a>"},
      {"html names, all five predefined",
       "<a t=\"x&nbsp;y\">&eacute;&mdash;&amp;&lt;&gt;&quot;&apos;</a>", true,
       "<a t=\"x&#160;y\">&#233;&#8212;&#38;&#60;&#62;&#34;&#39;</a>"},
      {"unknown names and case stay; a stray ampersand is the character",
       "<a>&foo; &NBSP; AT&T & &#xZ; &nbsp &amp;</a>", true,
       "<a>&foo; &NBSP; AT&#38;T &#38; &#38;#xZ; &#38;nbsp &#38;</a>"},
      {"only unknown: nothing to write", "<a>&foo;</a>", true, nullptr},
      {"CDATA, comment, processing instruction stay",
       "<?pi &nbsp;?><!-- &nbsp; --><a><![CDATA[&nbsp; &amp;]]>&nbsp;</a>",
       true,
       "<?pi &nbsp;?><!-- &nbsp; --><a><![CDATA[&nbsp; &amp;]]>&#160;</a>"},
      {"html name only inside CDATA", "<a><![CDATA[&eacute;]]></a>", false,
       nullptr},
      {"DOCTYPE with an internal subset stays",
       "<!DOCTYPE rss [<!ENTITY e \"&amp;]>\"> <!-- ' ] > --> ]>"
       "<rss>&e;&nbsp;</rss>",
       true,
       "<!DOCTYPE rss [<!ENTITY e \"&amp;]>\"> <!-- ' ] > --> ]>"
       "<rss>&e;&#160;</rss>"},
      {"DOCTYPE with an external id",
       "<!DOCTYPE rss SYSTEM \"a>b\"><r>&nbsp;</r>", true,
       "<!DOCTYPE rss SYSTEM \"a>b\"><r>&#160;</r>"},
      {"unclosed CDATA swallows the rest", "<a><![CDATA[&nbsp;", false,
       nullptr},
      {"reference at the very start and end", "&amp;x&nbsp;", true,
       "&#38;x&#160;"},
      {"lines stay", "<a>\n&nbsp;\n&eacute;\n</a>", true,
       "<a>\n&#160;\n&#233;\n</a>"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(HasNonXmlReference(c.xml), c.has_non_xml) << c.name;
    const std::optional<std::string> got = WithNumericReferences(c.xml);
    if (c.numeric == nullptr) {
      EXPECT_FALSE(got.has_value()) << c.name << ": " << *got;
    } else {
      ASSERT_TRUE(got.has_value()) << c.name;
      EXPECT_EQ(*got, c.numeric) << c.name;
    }
  }
}

}  // namespace
}  // namespace newsloom
