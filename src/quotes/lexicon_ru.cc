// Russian speech verbs and attribution patterns (lexicon.h): «…», —
// сказал Песков; по словам X.
#include "quotes/lexicon.h"

namespace newsloom {

extern const SpeechLexicon kRussianLexicon = {
    .lang = "ru",
    .speech_verbs =
        "сказал сказала сказали говорит говорил говорила говорят заявил "
        "заявила заявили заявляет отметил отметила отметили подчеркнул "
        "подчеркнула добавил добавила добавили пояснил пояснила сообщил "
        "сообщила сообщили сообщает написал написала ответил ответила "
        "предупредил предупредила признал признала уточнил уточнила "
        "рассказал рассказала считает",
    .ambiguous_verbs = "",
    .passive_auxiliaries = "",
    .determiners = "",
    .belief_verbs = "думает думал полагает полагал надеется надеялся "
                    "опасается знает знал уверен",
    .complementizers = "что",
    .source_phrases = "по словам|по данным|согласно|как сообщает|"
                      "как сообщил|по информации",
    // The source after a report noun is a genitive with no word to link
    // it ("по данным полиции"): no report nouns.
    .report_nouns = "",
    .report_links = "",
    .pronouns = "он она они я мы",
    .definites = "этот эта",
    .titles = "господин госпожа президент премьер министр канцлер "
              "пресс-секретарь представитель генсек глава мэр",
    .fillers = "также уже позже ранее еще ещё",
    .np_breaks = "в во на при после до к от с со без для по о об над под и "
                 "или но что который которая когда пока потому если вчера "
                 "сегодня понедельник вторник среду четверг пятницу "
                 "субботу воскресенье не",
    .relatives = "который которая которые",
    .np_links = "",
    .anaphoric_openers = "",
    .dash_quotes = false,
};

}  // namespace newsloom
