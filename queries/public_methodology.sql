-- public_methodology
-- The methodology text published with the snapshot, in both languages.
-- params:  none
-- returns: sort_order, topic_zh, topic_en, text_zh, text_en
select sort_order, topic_zh, topic_en, text_zh, text_en from methodology order by sort_order;
