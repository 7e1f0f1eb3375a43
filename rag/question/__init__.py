"""Understanding a question: the question and the conversation in, one typed `Intent` out.

`parse(question, history) -> Intent` (`parse`) says what the question asks for (its kind and
the entity types an answer should hold), about whose claims, about what, within which dates,
and whether it follows up on the previous turn; `resolved_query(intent, previous)`
(`followup`) is the query a follow-up is searched with.
"""
