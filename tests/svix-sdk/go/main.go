// Every supported operation of the shared resources, through the official Svix Go SDK.
//
// Run by tests/svix-sdk.int.spec.ts against a running Hookport: prints one JSON object, the
// outcome of each call by name ("ok", or the error the SDK returned). A response the SDK cannot
// decode is a failure like any other. The Go SDK differs from the others on the wire: a POST
// without a body goes as an empty chunked body with no content type, and every POST carries an
// `idempotency-key` it makes up.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"time"

	svix "github.com/svix/svix-webhooks/go"
	"github.com/svix/svix-webhooks/go/models"
	"github.com/svix/svix-webhooks/go/utils"
)

var results = map[string]string{}

func step(name string, call func() error) bool {
	if err := call(); err != nil {
		text := fmt.Sprintf("%T: %v", err, err)
		var apiError *svix.Error
		if errors.As(err, &apiError) {
			text = fmt.Sprintf("status %d: %s", apiError.Status(), apiError.Body())
		}
		if len(text) > 500 {
			text = text[:500]
		}
		results[name] = text
		return false
	}
	results[name] = "ok"
	return true
}

func expectStatus(name string, status int, call func() error) {
	err := call()
	var apiError *svix.Error
	switch {
	case err == nil:
		results[name] = "no error returned"
	case !errors.As(err, &apiError):
		results[name] = fmt.Sprintf("%T instead of svix.Error: %v", err, err)
	case apiError.Status() != status:
		results[name] = fmt.Sprintf("status %d", apiError.Status())
	default:
		results[name] = "ok"
	}
}

func ptr[T any](value T) *T { return &value }

func main() {
	serverUrl, token, receiverUrl := os.Args[1], os.Args[2], os.Args[3]
	server, err := url.Parse(serverUrl)
	if err != nil {
		panic(err)
	}
	client, err := svix.New(token, &svix.SvixOptions{ServerUrl: server, RetrySchedule: &[]time.Duration{}})
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	suffix := strconv.FormatInt(time.Now().UnixMilli(), 10)
	uid := "go-sdk-" + suffix
	eventType := "go.event." + suffix

	step("health.get", func() error { return client.Health.Get(ctx) })
	step("application.create", func() error {
		_, err := client.Application.Create(ctx, models.ApplicationIn{Name: "Go SDK", Uid: &uid}, nil)
		return err
	})
	step("application.get_or_create", func() error {
		_, err := client.Application.GetOrCreate(ctx, models.ApplicationIn{Name: "Go SDK", Uid: &uid}, nil)
		return err
	})
	step("application.get", func() error { _, err := client.Application.Get(ctx, uid); return err })
	step("application.list", func() error { _, err := client.Application.List(ctx, nil); return err })
	step("application.patch", func() error {
		_, err := client.Application.Patch(ctx, uid, models.ApplicationPatch{
			ThrottleRate: utils.NewNullable[uint16](50),
			RateLimit:    utils.NewUnsetNullable[uint16](),
			Uid:          utils.NewUnsetNullable[string](),
		})
		return err
	})
	step("application.update", func() error {
		_, err := client.Application.Update(ctx, uid, models.ApplicationIn{Name: "Go SDK 2", Uid: &uid})
		return err
	})

	step("event_type.create", func() error {
		_, err := client.EventType.Create(ctx, models.EventTypeIn{Name: eventType, Description: "From Go"}, nil)
		return err
	})
	step("event_type.list", func() error {
		list, err := client.EventType.List(ctx, &svix.EventTypeListOptions{WithContent: ptr(false)})
		if err == nil && len(list.Data) == 0 {
			return errors.New("no event types listed")
		}
		return err
	})
	step("event_type.get", func() error { _, err := client.EventType.Get(ctx, eventType); return err })
	step("event_type.update", func() error {
		_, err := client.EventType.Update(ctx, eventType, models.EventTypeUpdate{Description: "updated"})
		return err
	})

	var endpointId string
	step("endpoint.create", func() error {
		endpoint, err := client.Endpoint.Create(ctx, uid, models.EndpointIn{
			Url:         receiverUrl + "/go",
			FilterTypes: []string{eventType},
			RateLimit:   ptr[uint16](100),
		}, nil)
		if err == nil {
			endpointId = endpoint.Id
			if len(endpoint.FilterTypes) != 1 || endpoint.RateLimit == nil || *endpoint.RateLimit != 100 {
				return fmt.Errorf("answered filterTypes %v, rateLimit %v", endpoint.FilterTypes, endpoint.RateLimit)
			}
		}
		return err
	})
	step("endpoint.get", func() error { _, err := client.Endpoint.Get(ctx, uid, endpointId); return err })
	step("endpoint.list", func() error { _, err := client.Endpoint.List(ctx, uid, nil); return err })
	step("endpoint.update", func() error {
		_, err := client.Endpoint.Update(ctx, uid, endpointId, models.EndpointUpdate{
			Url: receiverUrl + "/go", FilterTypes: []string{eventType},
		})
		return err
	})
	step("endpoint.get_secret", func() error { _, err := client.Endpoint.GetSecret(ctx, uid, endpointId); return err })
	step("endpoint.update_headers", func() error {
		return client.Endpoint.UpdateHeaders(ctx, uid, endpointId, models.EndpointHeadersIn{Headers: map[string]string{"X-Go": "1"}})
	})
	step("endpoint.patch_headers", func() error {
		return client.Endpoint.PatchHeaders(ctx, uid, endpointId, models.EndpointHeadersPatchIn{Headers: map[string]string{"X-Go-2": "2"}})
	})
	step("endpoint.get_headers", func() error {
		headers, err := client.Endpoint.GetHeaders(ctx, uid, endpointId)
		if err == nil && headers.Headers["X-Go"] != "1" {
			return fmt.Errorf("headers answered %v", headers.Headers)
		}
		return err
	})
	step("endpoint.get_stats", func() error { _, err := client.Endpoint.GetStats(ctx, uid, endpointId, nil); return err })

	var messageId string
	step("message.create", func() error {
		message, err := client.Message.Create(ctx, uid, models.MessageIn{
			EventType: eventType, Payload: map[string]any{"hello": "go"}, EventId: ptr("evt-go-" + suffix),
		}, nil)
		if err == nil {
			messageId = message.Id
		}
		return err
	})
	step("message.get", func() error { _, err := client.Message.Get(ctx, uid, messageId, nil); return err })
	step("message.list", func() error { _, err := client.Message.List(ctx, uid, nil); return err })

	var attemptId string
	for i := 0; i < 100 && attemptId == ""; i++ {
		step("message_attempt.list_by_msg", func() error {
			attempts, err := client.MessageAttempt.ListByMsg(ctx, uid, messageId, nil)
			if err == nil && len(attempts.Data) > 0 {
				attemptId = attempts.Data[0].Id
			}
			return err
		})
		if attemptId == "" {
			time.Sleep(100 * time.Millisecond)
		}
	}
	step("message_attempt.list_by_endpoint", func() error {
		_, err := client.MessageAttempt.ListByEndpoint(ctx, uid, endpointId, nil)
		return err
	})
	step("message_attempt.get", func() error {
		_, err := client.MessageAttempt.Get(ctx, uid, messageId, attemptId, nil)
		return err
	})
	step("message_attempt.list_attempted_messages", func() error {
		_, err := client.MessageAttempt.ListAttemptedMessages(ctx, uid, endpointId, nil)
		return err
	})
	// A POST without a body: the Go SDK sends it chunked, empty, with no content type.
	step("message_attempt.resend", func() error {
		_, err := client.MessageAttempt.Resend(ctx, uid, messageId, endpointId, nil)
		return err
	})
	step("endpoint.send_example", func() error {
		_, err := client.Endpoint.SendExample(ctx, uid, endpointId, models.EventExampleIn{EventType: eventType}, nil)
		return err
	})
	step("endpoint.recover", func() error {
		_, err := client.Endpoint.Recover(ctx, uid, endpointId, models.RecoverIn{Since: time.Now().Add(-time.Hour)}, nil)
		return err
	})
	step("message_attempt.list_attempted_destinations", func() error {
		destinations, err := client.MessageAttempt.ListAttemptedDestinations(ctx, uid, messageId, nil)
		if err == nil && (len(destinations.Data) != 1 || destinations.Data[0].Id != endpointId) {
			return fmt.Errorf("answered %d destinations", len(destinations.Data))
		}
		return err
	})
	step("endpoint.replay_missing and background_task.get", func() error {
		replay, err := client.Endpoint.ReplayMissing(ctx, uid, endpointId, models.ReplayIn{Since: time.Now().Add(-time.Hour)}, nil)
		if err != nil {
			return err
		}
		task, err := client.BackgroundTask.Get(ctx, replay.Id)
		if err == nil && task.Id != replay.Id {
			return fmt.Errorf("task %s answered for %s", task.Id, replay.Id)
		}
		return err
	})
	step("background_task.list", func() error { _, err := client.BackgroundTask.List(ctx, nil); return err })
	step("endpoint.rotate_secret", func() error {
		return client.Endpoint.RotateSecret(ctx, uid, endpointId, models.EndpointSecretRotateIn{}, nil)
	})
	step("authentication.app_portal_access", func() error {
		_, err := client.Authentication.AppPortalAccess(ctx, uid, models.AppPortalAccessIn{}, nil)
		return err
	})
	step("authentication.expire_all", func() error {
		return client.Authentication.ExpireAll(ctx, uid, models.ApplicationTokenExpireIn{}, nil)
	})

	expectStatus("error.404", 404, func() error { _, err := client.Application.Get(ctx, "no-such-app"); return err })
	expectStatus("error.422", 422, func() error {
		_, err := client.Endpoint.Create(ctx, uid, models.EndpointIn{Url: "not a url"}, nil)
		return err
	})

	step("message.expunge_content", func() error {
		if err := client.Message.ExpungeContent(ctx, uid, messageId); err != nil {
			return err
		}
		// The delivery log's copy goes when it reads the expunge event, a moment later.
		for i := 0; ; i++ {
			message, err := client.Message.Get(ctx, uid, messageId, nil)
			if err != nil || message.Payload["hello"] == nil {
				return err
			}
			if i == 50 {
				return fmt.Errorf("payload still answered: %v", message.Payload)
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	step("endpoint.delete", func() error { return client.Endpoint.Delete(ctx, uid, endpointId) })
	step("event_type.delete", func() error { return client.EventType.Delete(ctx, eventType, nil) })
	step("application.delete", func() error { return client.Application.Delete(ctx, uid) })

	out, _ := json.Marshal(results)
	fmt.Println(string(out))
}
