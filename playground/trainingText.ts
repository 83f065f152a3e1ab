// The Train tab's starting text: a short verse written for the playground, repeated so that a
// small model finds its patterns in a few hundred steps. Paste any text over it.
const VERSE = `The river runs down to the sea, and the sea goes up to the rain;
the rain falls over the hill, and the hill sends the river again.
The miller stands at his wheel, and the wheel turns round in the stream;
the stream sings low to the stones, and the stones lie still in a dream.
The baker wakes before dawn, and the dawn comes red on the wall;
the wall keeps the wind from the bread, and the bread is enough for us all.
The shepherd counts on the hill, and the hill is green in the spring;
the spring brings lambs to the fold, and the fold hears the blackbird sing.
The candle burns in the hall, and the hall grows warm in its light;
the light goes out at the end, and the end is the start of the night.
`;

export const TRAINING_TEXT = VERSE.repeat(5);
