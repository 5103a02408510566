// English speech verbs and attribution patterns (lexicon.h).
#include "quotes/lexicon.h"

namespace newsloom {

extern const SpeechLexicon kEnglishLexicon = {
    .lang = "en",
    .speech_verbs =
        "said say says saying told tells tell added adds adding stated "
        "declared declares announced announces claimed claims insisted "
        "insists argued argues warned warns explained explains noted notes "
        "wrote writes tweeted tweets asked asks replied replies responded "
        "responds answered answers acknowledged acknowledges admitted admits "
        "confirmed confirms denied denies suggested suggests stressed "
        "stresses emphasized emphasised emphasizes continued continues "
        "recalled recalls remarked testified testifies reported "
        "reports alleged alleges contended contends countered counters "
        "maintained maintains predicted predicts promised promises vowed "
        "vows urged urges pointed observed observes concluded concludes "
        "conceded concedes boasted boasts complained complains quipped "
        "joked jokes shouted yelled exclaimed mused agreed agrees commented "
        "comments stressing noting warning insisting arguing claiming "
        "explaining show shows showed showing found finds called calls "
        "calling described describes describing dubbed labeled labelled "
        "endorsed endorses criticized criticised criticizes accused accuses "
        "praised praises defended defends blasted condemned condemns "
        "questioned rejected dismissed pledged proposed proposes declined "
        "refused argue claim insist suggest suggesting cited cites citing "
        "warn deny denying admit admitting",
    .ambiguous_verbs =
        "says tells adds claims notes tweets reports "
        "comments calls answers replies responds promises vows warns "
        "counters jokes shows finds fears hopes worries thoughts "
        "suspects concludes describes",
    .passive_auxiliaries = "was were been being be is are",
    .determiners = "a an his her their its my our your some many several "
                   "recent new",
    .belief_verbs =
        "believe believes believed think thinks thought feel feels felt know "
        "knows knew fear fears feared hope hopes hoped expect expects "
        "expected worry worries worried suspect suspects suspected "
        "understand understands understood realize realizes realized "
        "learned learns concluded indicated indicates revealed reveals",
    .complementizers = "that",
    .source_phrases = "according to|as reported by|reported by|quoted by|"
                      "in the words of",
    .report_nouns = "statement statements information report reports data "
                    "figures estimate estimates account accounts comments "
                    "remarks words documents records testimony briefing",
    .report_links = "by from of",
    .pronouns = "he she they i we it",
    .definites = "the this that these those",
    .titles =
        "mr mrs ms miss dr prof sir dame lord lady president vice prime "
        "minister secretary chancellor senator sen rep representative gov "
        "governor mayor king queen prince general gen col colonel judge "
        "spokesman spokeswoman spokesperson chief chairman pope rev "
        "ambassador commissioner director premier",
    .fillers =
        "has have had also later earlier then once again previously "
        "reportedly repeatedly has had would will was is been recently "
        "just initially further publicly privately separately "
        "simply flatly bluntly angrily quickly immediately be should could "
        "must can may might",
    .np_breaks =
        "in on at during after before to from with without by for of about "
        "among between against across through via like within "
        "over under into and or but that which who whom whose when while "
        "as because if since though although where yesterday today "
        "tonight tomorrow monday tuesday wednesday thursday friday "
        "saturday sunday last this next earlier later recently "
        "than not",
    .relatives = "who which",
    .np_links = "of for",
    .anaphoric_openers = "",
    .dash_quotes = false,
};

}  // namespace newsloom
