// layernorm_lstm_l0_step: one time step of layernorm_lstm_l0: h' (layernorm_lstm.cell:30)
// one thread per element of [B, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

fn sigmoid(x: f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }
fn tanh_safe(x: f32) -> f32 { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 20u * sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % 20u;
  let rest = id / 20u;
  let i0 = rest;
  let gamma_ih = params_buf[2480u + i1 + 60u];
  let a = work_buf[32u * sizes.B * sizes.T + 100u * sizes.B + tau * 80u * sizes.B + i0 * 80u + i1 + 60u];
  var sum12 = 0.0;
  for (var k = 0u; k < 80u; k++) {
    let a_2 = work_buf[32u * sizes.B * sizes.T + 100u * sizes.B + tau * 80u * sizes.B + i0 * 80u + k];
    sum12 += a_2;
  }
  let div14 = (sum12 / 80.0);
  let sub16 = (a - div14);
  let mul17 = (gamma_ih * sub16);
  var sum19 = 0.0;
  for (var k_2 = 0u; k_2 < 80u; k_2++) {
    let mul18 = work_buf[112u * sizes.B * sizes.T + 180u * sizes.B + i0 * 80u + k_2];
    sum19 += mul18;
  }
  let div20 = (sum19 / 80.0);
  let add22 = (div20 + 0.000009999999747378752);
  let sqrt23 = sqrt(add22);
  let div25 = (mul17 / sqrt23);
  let gamma_hh = params_buf[2560u + i1 + 60u];
  let r = work_buf[112u * sizes.B * sizes.T + 100u * sizes.B + i0 * 80u + i1 + 60u];
  var sum26 = 0.0;
  for (var k_3 = 0u; k_3 < 80u; k_3++) {
    let r_2 = work_buf[112u * sizes.B * sizes.T + 100u * sizes.B + i0 * 80u + k_3];
    sum26 += r_2;
  }
  let div27 = (sum26 / 80.0);
  let sub29 = (r - div27);
  let mul30 = (gamma_hh * sub29);
  var sum32 = 0.0;
  for (var k_4 = 0u; k_4 < 80u; k_4++) {
    let mul31 = work_buf[112u * sizes.B * sizes.T + 260u * sizes.B + i0 * 80u + k_4];
    sum32 += mul31;
  }
  let div33 = (sum32 / 80.0);
  let add34 = (div33 + 0.000009999999747378752);
  let sqrt35 = sqrt(add34);
  let div37 = (mul30 / sqrt35);
  let add38 = (div25 + div37);
  let bias = params_buf[2400u + i1 + 60u];
  let gates = (add38 + bias);
  let o = sigmoid(gates);
  let gamma_c = params_buf[2640u + i1];
  let c_next = work_buf[112u * sizes.B * sizes.T + 340u * sizes.B + ((sizes.T - 1u - sizes.step) % 2u) * 20u * sizes.B + i0 * 20u + i1];
  var sum51 = 0.0;
  for (var k_5 = 0u; k_5 < 20u; k_5++) {
    let c_next_2 = work_buf[112u * sizes.B * sizes.T + 340u * sizes.B + ((sizes.T - 1u - sizes.step) % 2u) * 20u * sizes.B + i0 * 20u + k_5];
    sum51 += c_next_2;
  }
  let mu = (sum51 / 20.0);
  let sub55 = (c_next - mu);
  let mul56 = (gamma_c * sub55);
  var sum58 = 0.0;
  for (var k_6 = 0u; k_6 < 20u; k_6++) {
    let mul57 = work_buf[112u * sizes.B * sizes.T + 380u * sizes.B + i0 * 20u + k_6];
    sum58 += mul57;
  }
  let div59 = (sum58 / 20.0);
  let add60 = (div59 + 0.000009999999747378752);
  let sqrt61 = sqrt(add60);
  let div63 = (mul56 / sqrt61);
  let beta_c = params_buf[2660u + i1];
  let add64 = (div63 + beta_c);
  let tanh65 = tanh_safe(add64);
  let h_next = (o * tanh65);
  work_buf[12u * sizes.B * sizes.T + 40u * sizes.B + write_slot * 20u * sizes.B + i0 * 20u + i1] = h_next;
}
