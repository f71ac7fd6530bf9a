-- Wall map screens got their own 'roads' layer key. Until now a map that listed 'devices' showed the road status
-- too; stored lists with 'devices' get 'roads' added so they keep showing it (lists without 'devices', and maps
-- without a list, are unchanged). Content is one item, or a rotation of items.
UPDATE "wall_screens" SET "content" = CASE
  WHEN "content"->>'kind' = 'map' THEN jsonb_set("content", '{layers}', ("content"->'layers') || '["roads"]'::jsonb)
  ELSE jsonb_set("content", '{items}', (
    SELECT jsonb_agg(CASE
      WHEN x.item->>'kind' = 'map' AND jsonb_typeof(x.item->'layers') = 'array' AND x.item->'layers' @> '["devices"]'::jsonb AND NOT x.item->'layers' @> '["roads"]'::jsonb
        THEN jsonb_set(x.item, '{layers}', (x.item->'layers') || '["roads"]'::jsonb)
      ELSE x.item END ORDER BY x.ord)
    FROM jsonb_array_elements("content"->'items') WITH ORDINALITY AS x(item, ord)))
  END
WHERE ("content"->>'kind' = 'map' AND jsonb_typeof("content"->'layers') = 'array'
       AND "content"->'layers' @> '["devices"]'::jsonb AND NOT "content"->'layers' @> '["roads"]'::jsonb)
   OR ("content"->>'kind' = 'rotation' AND jsonb_typeof("content"->'items') = 'array' AND jsonb_array_length("content"->'items') > 0
       AND EXISTS (SELECT 1 FROM jsonb_array_elements("content"->'items') AS i(item)
                   WHERE i.item->>'kind' = 'map' AND jsonb_typeof(i.item->'layers') = 'array'
                     AND i.item->'layers' @> '["devices"]'::jsonb AND NOT i.item->'layers' @> '["roads"]'::jsonb));
