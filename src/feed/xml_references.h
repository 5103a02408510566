// HTML named character references in XML feeds, made safe for libxml2.
//
//   std::optional<std::string> fixed;
//   if (HasNonXmlReference(xml)) fixed = WithNumericReferences(xml);
//   Parse(fixed ? *fixed : xml);
//
// Feeds are written by HTML tools and often carry &nbsp;, &eacute; or
// &mdash;, which XML does not define (it predefines only amp, lt, gt,
// quot and apos). libxml2 (2.9.14, measured) reports such a reference as
// "Entity 'nbsp' not defined" and drops it; worse, once the document is
// not well-formed it drops every later entity reference in element
// content, the predefined ones included (xmlParseReference returns early
// when !ctxt->wellFormed), so "&lt;p&gt;A &amp;amp; B" becomes "pA amp; B"
// and "?id=7&amp;lang=en" becomes "?id=7lang=en". Character references
// (&#60;) are still decoded after the error, and attribute values keep
// their predefined references. The same happens after any other error
// that XML_PARSE_RECOVER repairs (a stray '&', a mismatched tag).
//
// WithNumericReferences therefore writes every reference it knows as a
// character reference: the HTML 4 names of libxml2's own table
// (htmlEntityLookup; case-sensitive, so &NBSP; is unknown) and the five
// predefined ones, so that those survive an error elsewhere; a '&' that
// starts no reference ("AT&T", "R&D said", "Q&A") is written &#38;, the
// character it means (libxml2 would report it and drop the name after
// it). Unknown names (&foo;) stay as they are: libxml2 reports them and
// drops them, and the rest of the document keeps its text. CDATA sections, comments, processing instructions and the
// DOCTYPE (its internal subset may declare entities) are copied as they
// are. A name declared in the internal subset is rewritten all the same
// when HTML knows it: the feed reader never expands declared entities
// (feed_parser.h), so the HTML meaning is the only one it could use.
//
// Thread safety: thread-safe (libxml2's HTML table is constant).
#ifndef NEWSLOOM_FEED_XML_REFERENCES_H_
#define NEWSLOOM_FEED_XML_REFERENCES_H_

#include <optional>
#include <string>
#include <string_view>

namespace newsloom {

// True when `xml` has, outside CDATA, comments, processing instructions
// and the DOCTYPE, a '&' that is neither a predefined XML entity
// reference nor a character reference: an HTML name, an unknown name or a
// stray '&'. Reads the bytes once and copies nothing.
bool HasNonXmlReference(std::string_view xml);

// `xml` with the references described above written as character
// references (&nbsp; -> &#160;, &amp; -> &#38;), or nullopt when there is
// none to write. Lines stay where they were (libxml2's error lines still
// point into the original).
std::optional<std::string> WithNumericReferences(std::string_view xml);

}  // namespace newsloom

#endif  // NEWSLOOM_FEED_XML_REFERENCES_H_
