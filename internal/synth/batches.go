package synth

import (
	"context"
	"fmt"
)

// inBatches generates the table's rows in a goroutine, converting each
// value for a driver, and hands them to insert batchRows rows at a time
// (as one flat argument list), so that generating and loading overlap. It
// checks that every row has a value per column and that the table
// produced the rows it declared.
func (t *Table) inBatches(ctx context.Context, batchRows int, convert func(Type, any) any, insert func(args []any) error) error {
	batches := make(chan []any, 4)
	stop := make(chan struct{})
	var genErr error
	rows := 0
	go func() {
		defer close(batches)
		args := make([]any, 0, batchRows*len(t.Columns))
		t.Generate(func(row []any) bool {
			if len(row) != len(t.Columns) {
				genErr = fmt.Errorf("row %d has %d values for %d columns", rows+1, len(row), len(t.Columns))
				return false
			}
			for i, v := range row {
				args = append(args, convert(t.Columns[i].Type, v))
			}
			rows++
			if rows%batchRows == 0 {
				select {
				case batches <- args:
				case <-stop:
					return false
				}
				args = make([]any, 0, batchRows*len(t.Columns))
			}
			return true
		})
		if len(args) > 0 && genErr == nil {
			select {
			case batches <- args:
			case <-stop:
			}
		}
	}()
	var err error
	for args := range batches {
		if err == nil {
			err = ctx.Err()
		}
		if err == nil {
			err = insert(args)
		}
		if err != nil {
			close(stop)
			for range batches { // let the generator finish
			}
			return err
		}
	}
	if genErr != nil {
		return genErr
	}
	if rows != t.Rows {
		return fmt.Errorf("generated %d rows, declared %d", rows, t.Rows)
	}
	return nil
}
