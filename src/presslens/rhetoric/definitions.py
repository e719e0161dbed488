"""Plain-words definitions of the 14 SemEval-2020 Task 11 techniques (after Da San Martino et al.)."""

DEFINITIONS: dict[str, str] = {
    "Loaded_Language": "Words chosen for their emotional charge rather than their information, to sway the "
                       "reader's feelings about what is described.",
    "Name_Calling,Labeling": "A person or group is given a label meant to make readers fear, hate or despise "
                             "them, instead of a description of what they did.",
    "Repetition": "The same message or phrase is repeated so that readers come to accept it.",
    "Doubt": "The credibility of someone or something is questioned without evidence being given.",
    "Exaggeration,Minimisation": "Something is made to look bigger, worse or more final than the facts show, "
                                 "or smaller and less important than it is.",
    "Appeal_to_fear-prejudice": "Support for an idea is sought by making readers afraid of an alternative, "
                                "often by playing on prejudice.",
    "Flag-Waving": "An idea is justified by appeal to national or group pride and belonging rather than by "
                   "evidence.",
    "Causal_Oversimplification": "A single cause is given for an outcome that has several causes.",
    "Appeal_to_Authority": "A claim is presented as true because an authority or experts say so, without the "
                           "evidence.",
    "Slogans": "A short, striking phrase that works as a rallying cry rather than an argument.",
    "Black-and-White_Fallacy": "Only two options are presented as if no others existed.",
    "Whataboutism,Straw_Men,Red_Herring": "The subject is changed to someone else's failings, or an opposing "
                                          "view is misrepresented, instead of answering the point.",
    "Thought-terminating_Cliches": "A stock phrase that discourages further thought or discussion of the "
                                   "issue.",
    "Bandwagon,Reductio_ad_hitlerum": "Readers are urged to join what 'everyone' thinks, or an idea is "
                                      "rejected because a hated group is said to hold it.",
}
